package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.credit.CreditNoteStateException;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.PaymentRejectedException;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.IdempotencyKeyTakenException;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.PaymentsRewrittenException;
import dev.invoicekit.ports.StaleCreditNoteException;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.service.CreditNoteNotFoundException;
import dev.invoicekit.service.IdempotencyConflictException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceNotFoundException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.joda.money.CurrencyUnit;
import org.junit.jupiter.api.Test;

class InvoiceRefusalTest {

  private static final TenantId TENANT = TenantId.of("acme-gmbh");
  private static final InvoiceId ID = InvoiceId.of("inv-7");

  /** Every refusal of core, with the JDK supertype hosts catch it by. */
  private static final List<Class<? extends RuntimeException>> REFUSALS = List.of(
      InvalidInvoiceException.class,
      CurrencyMismatchException.class,
      IllegalTransitionException.class,
      PaymentRejectedException.class,
      InvoiceNotFoundException.class,
      IdempotencyConflictException.class,
      DuplicateInvoiceException.class,
      StaleInvoiceException.class,
      IdempotencyKeyTakenException.class,
      PaymentsRewrittenException.class,
      CreditRejectedException.class,
      CreditNoteStateException.class,
      InsufficientAccountCreditException.class,
      CreditNoteNotFoundException.class,
      StaleCreditNoteException.class);

  @Test
  void everyRefusalCarriesTheMarker() {
    assertThat(REFUSALS).allSatisfy(type -> assertThat(type).isAssignableTo(InvoiceRefusal.class));
  }

  @Test
  void aPlainStorageFailureIsNotARefusal() {
    assertThat(new InvoicePersistenceException("disk full"))
        .isNotInstanceOf(InvoiceRefusal.class);
  }

  @Test
  void everyRefusalKeepsTheJdkSupertypeHostsCatch() {
    assertThat(InvalidInvoiceException.class).isAssignableTo(IllegalArgumentException.class);
    assertThat(PaymentRejectedException.class).isAssignableTo(IllegalArgumentException.class);
    assertThat(IdempotencyConflictException.class).isAssignableTo(IllegalArgumentException.class);
    assertThat(IllegalTransitionException.class).isAssignableTo(IllegalStateException.class);
    assertThat(InvoiceNotFoundException.class).isAssignableTo(NoSuchElementException.class);
    assertThat(DuplicateInvoiceException.class).isAssignableTo(InvoicePersistenceException.class);
    assertThat(StaleInvoiceException.class).isAssignableTo(InvoicePersistenceException.class);
    assertThat(IdempotencyKeyTakenException.class)
        .isAssignableTo(InvoicePersistenceException.class);
  }

  @Test
  void everyExceptionOfCoreIsARefusalOrThePlainStorageFailure() throws Exception {
    List<Class<?>> exceptions = coreClasses()
        .filter(RuntimeException.class::isAssignableFrom)
        .collect(Collectors.toList());

    assertThat(exceptions).as("the exception classes found in core").isNotEmpty();
    assertThat(exceptions)
        .filteredOn(type -> type != InvoicePersistenceException.class)
        .allSatisfy(type -> assertThat(type).isAssignableTo(InvoiceRefusal.class))
        .containsExactlyInAnyOrderElementsOf(REFUSALS);
  }

  @Test
  void aTakenIdempotencyKeyIsNotADuplicateInvoice() {
    assertThat(new IdempotencyKeyTakenException(TENANT, "bank-tx-1", "taken"))
        .isNotInstanceOf(DuplicateInvoiceException.class)
        .isInstanceOf(InvoiceRefusal.class);
  }

  @Test
  void invoiceNotFoundKeepsTheTenantAndTheId() {
    InvoiceNotFoundException e = new InvoiceNotFoundException(TENANT, ID);

    assertThat(e.tenant()).isEqualTo(TENANT);
    assertThat(e.invoiceId()).isEqualTo(ID);
    assertThat(e).hasMessage("Tenant acme-gmbh has no invoice inv-7");
  }

  @Test
  void anIdempotencyConflictKeepsTheKeyAndTheCommand() {
    IdempotencyConflictException e =
        new IdempotencyConflictException(IdempotencyKey.of("bank-tx-4711"), "payment");

    assertThat(e.key()).isEqualTo(IdempotencyKey.of("bank-tx-4711"));
    assertThat(e.command()).isEqualTo("payment");
  }

  @Test
  void anIdempotencyConflictIsAboutAKey() {
    assertThatThrownBy(() -> new IdempotencyConflictException(IdempotencyKey.NONE, "payment"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDuplicateKeepsTheTenantTheInvoiceAndItsNumber() {
    DuplicateInvoiceException e = new DuplicateInvoiceException(TENANT, ID,
        Optional.of(InvoiceNumber.of("INV-2026-00042")), "number taken");

    assertThat(e.tenant()).contains(TENANT);
    assertThat(e.invoiceId()).contains(ID);
    assertThat(e.number()).contains(InvoiceNumber.of("INV-2026-00042"));
    assertThat(e.kind()).isEqualTo(InvoicePersistenceException.Kind.PERMANENT);
  }

  @Test
  void aDuplicateTheStoreCannotTieToAnInvoiceSaysSo() {
    DuplicateInvoiceException e = new DuplicateInvoiceException("a unique key is taken");

    assertThat(e.tenant()).isEmpty();
    assertThat(e.invoiceId()).isEmpty();
    assertThat(e.number()).isEmpty();
  }

  @Test
  void aTakenKeyKeepsTheTenantAndTheKey() {
    IdempotencyKeyTakenException e =
        new IdempotencyKeyTakenException(TENANT, "bank-tx-1", "taken");

    assertThat(e.tenant()).contains(TENANT);
    assertThat(e.key()).contains("bank-tx-1");
    assertThat(new IdempotencyKeyTakenException("taken").key()).isEmpty();
  }

  @Test
  void aCurrencyMismatchIsARefusalThroughInvalidInvoice() {
    assertThat(new CurrencyMismatchException(ID, "line 1 unit price", CurrencyUnit.EUR,
        CurrencyUnit.USD)).isInstanceOf(InvoiceRefusal.class);
  }

  @Test
  void theInMemoryStoreSaysWhichInvoiceAndKeyItRefused() {
    InMemoryPorts ports = InMemoryPorts.create();
    Invoice first = ports.invoices().save(draft("inv-1", "INV-1"));

    assertThatThrownBy(() -> ports.invoices().save(draft("inv-1", "INV-2")))
        .isInstanceOfSatisfying(DuplicateInvoiceException.class, e -> {
          assertThat(e.tenant()).contains(TENANT);
          assertThat(e.invoiceId()).contains(InvoiceId.of("inv-1"));
          assertThat(e.number()).contains(InvoiceNumber.of("INV-2"));
        });
    assertThatThrownBy(() -> ports.invoices().save(draft("inv-2", "INV-1")))
        .isInstanceOfSatisfying(DuplicateInvoiceException.class,
            e -> assertThat(e.invoiceId()).contains(InvoiceId.of("inv-2")));
    IdempotencyRecord record =
        new IdempotencyRecord(TENANT, "bank-tx-1", "f", first.id().value(), 1);
    ports.idempotencyKeys().remember(record);
    assertThatThrownBy(() -> ports.idempotencyKeys().remember(record))
        .isInstanceOfSatisfying(IdempotencyKeyTakenException.class, e -> {
          assertThat(e.tenant()).contains(TENANT);
          assertThat(e.key()).contains("bank-tx-1");
        });
  }

  private static Invoice draft(String id, String number) {
    return new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(TENANT)
        .number(InvoiceNumber.of(number))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 1))
        .build();
  }

  /** The classes compiled from core's main sources, found from where this marker was loaded. */
  private static Stream<Class<?>> coreClasses() throws IOException, URISyntaxException {
    Path root = Path.of(InvoiceRefusal.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(root)) {
      names = files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> root.relativize(file).toString())
          .filter(name -> !name.contains("module-info") && !name.contains("package-info"))
          .map(name -> name.substring(0, name.length() - ".class".length())
              .replace(java.io.File.separatorChar, '.'))
          .collect(Collectors.toList());
    }
    return names.stream().map(InvoiceRefusalTest::load);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, InvoiceRefusalTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name, e);
    }
  }
}
