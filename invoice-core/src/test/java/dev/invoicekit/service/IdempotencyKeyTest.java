package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.opportunity.Opportunity;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** A key is never null: {@link IdempotencyKey#NONE} says "no key". */
class IdempotencyKeyTest {

  private final ServiceFixture fixture = new ServiceFixture();
  private final InvoiceService service = fixture.service;

  private static PaymentRequest eur(String amount) {
    return PaymentRequest.of(Money.parse("EUR " + amount));
  }

  @Test
  void everyKeyedCommandRefusesANullKeyAndNamesNone() {
    Invoice draft = fixture.draft();
    InvoiceId id = draft.id();
    Opportunity opportunity = new Opportunity.Builder().id(OpportunityId.of("opp-1"))
        .account(AccountId.of("acme")).currency(CurrencyUnit.EUR)
        .value(Money.parse("EUR 10.00")).build();
    List<ThrowingCallable> commands = List.of(
        () -> service.createDraft(service.newDraft(TENANT).account(AccountId.of("acme"))
            .currency("EUR").build(), null),
        () -> service.createFromOpportunity(TENANT, opportunity, null),
        () -> service.editDraft(TENANT, id, draft.version(), d -> d, null),
        () -> service.cancel(TENANT, id, null),
        () -> service.send(TENANT, id, null),
        () -> service.recordPayment(TENANT, id, eur("1.00"), null),
        () -> service.refund(TENANT, id, eur("1.00"), null),
        () -> service.voidInvoice(TENANT, id, null));

    assertThat(commands).allSatisfy(command -> assertThatThrownBy(command)
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("IdempotencyKey.NONE"));
    assertThat(service.find(TENANT, id)).contains(draft);
    assertThat(fixture.ports.events().events()).hasSize(1);
  }

  @Test
  void noneRunsTheCommandEveryTimeAndRemembersNothing() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id(), IdempotencyKey.NONE);

    service.recordPayment(TENANT, invoice.id(), eur("10.00"), IdempotencyKey.NONE);
    Invoice twice = service.recordPayment(TENANT, invoice.id(), eur("10.00"), IdempotencyKey.NONE);

    assertThat(twice.payments()).hasSize(2);
    assertThat(fixture.ports.idempotencyKeys().find(TENANT, "NONE")).isEmpty();
  }

  @Test
  void noneHasNoValue() {
    assertThat(IdempotencyKey.NONE.isNone()).isTrue();
    assertThat(IdempotencyKey.of("NONE").isNone()).isFalse();
    assertThat(IdempotencyKey.of("NONE")).isNotEqualTo(IdempotencyKey.NONE);
    assertThatThrownBy(IdempotencyKey.NONE::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NONE");
  }

  @Test
  void keysAreValuesOfTheirText() {
    assertThat(IdempotencyKey.of("bank-tx-1")).isEqualTo(IdempotencyKey.of("bank-tx-1"))
        .hasSameHashCodeAs(IdempotencyKey.of("bank-tx-1"))
        .hasToString("bank-tx-1");
    assertThat(IdempotencyKey.of("bank-tx-1").value()).isEqualTo("bank-tx-1");
  }

  @Test
  void aConflictFromTheServiceKeepsTheKeyAndTheCommand() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("bank-tx-4711");
    service.recordPayment(TENANT, invoice.id(), eur("40.00"), key);

    assertThatThrownBy(() -> service.recordPayment(TENANT, invoice.id(), eur("41.00"), key))
        .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
          assertThat(e.key()).isEqualTo(key);
          assertThat(e.command()).isEqualTo("payment");
        });
  }

  @Test
  void aMissingInvoiceFromTheServiceKeepsTheTenantAndTheId() {
    assertThatThrownBy(() -> service.send(TENANT, InvoiceId.of("nope")))
        .isInstanceOfSatisfying(InvoiceNotFoundException.class, e -> {
          assertThat(e.tenant()).isEqualTo(TENANT);
          assertThat(e.invoiceId()).isEqualTo(InvoiceId.of("nope"));
        });
  }
}
