package dev.invoicekit.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** Amounts as the columns store them (4 decimals) and as the invoice holds them. */
final class StoredMoney {

  private StoredMoney() {}

  /** The stored amount in the currency's scale, which holds it exactly. */
  static Money of(CurrencyUnit currency, BigDecimal stored) {
    return Money.of(currency,
        stored.setScale(currency.getDecimalPlaces(), RoundingMode.UNNECESSARY));
  }
}
