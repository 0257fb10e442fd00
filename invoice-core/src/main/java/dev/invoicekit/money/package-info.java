/**
 * Money rules shared by every calculation: the {@link dev.invoicekit.money.RoundingPolicy} that
 * says
 * where and how amounts are rounded, and {@link dev.invoicekit.money.Percentage}.
 *
 * <p>Amounts are Joda-Money {@link org.joda.money.Money} (always at the currency's scale) and
 * {@link org.joda.money.BigMoney} for unit prices, which may carry more decimals.
 */
@InvoiceKitStyle
package dev.invoicekit.money;

import dev.invoicekit.internal.InvoiceKitStyle;
