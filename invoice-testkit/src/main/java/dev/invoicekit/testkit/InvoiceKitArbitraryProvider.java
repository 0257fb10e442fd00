package dev.invoicekit.testkit;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.tax.TaxCode;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Registers InvoiceKit's generators as jqwik defaults (through
 * {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}), so that
 * {@code @ForAll Invoice invoice}, {@code @ForAll LineItem line}, {@code @ForAll Opportunity
 * opportunity} and {@code @ForAll TaxCode code} work with no further code. An {@code @ForAll
 * Invoice} may be in any status.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceKitArbitraryProvider implements ArbitraryProvider {

  private static final Map<Class<?>, Supplier<Arbitrary<?>>> GENERATORS = Map.of(
      Invoice.class, InvoiceArbitraries::invoices,
      LineItem.class, InvoiceArbitraries::lineItems,
      Opportunity.class, InvoiceArbitraries::opportunities,
      TaxCode.class, InvoiceArbitraries::taxCodes);

  /** Creates the provider; jqwik does this through the service loader. */
  public InvoiceKitArbitraryProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return GENERATORS.keySet().stream().anyMatch(targetType::isOfType);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return GENERATORS.entrySet().stream()
        .filter(entry -> targetType.isOfType(entry.getKey()))
        .map(entry -> entry.getValue().get())
        .collect(java.util.stream.Collectors.toSet());
  }
}
