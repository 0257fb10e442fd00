package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.ports.IdempotencyKeyTakenException;
import dev.invoicekit.ports.IdempotencyRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Idempotency keys on every database. */
class JdbcIdempotencyKeysTest {

  private static final TenantId TENANT_A = TenantId.of("tenant-a");
  private static final TenantId TENANT_B = TenantId.of("tenant-b");
  private static final String FINGERPRINT_1 = "a".repeat(64);
  private static final String FINGERPRINT_2 = "b".repeat(64);

  private static JdbcInvoiceKit kit(Dialect dialect) {
    return JdbcInvoiceKit.of(TestDatabases.fresh(dialect), dialect);
  }

  private static IdempotencyRecord record(TenantId tenant, String key, String fingerprint,
      long version) {
    return new IdempotencyRecord(tenant, key, fingerprint, "inv-1", version);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRememberedKeyIsFoundWithItsRecord(Dialect dialect) {
    JdbcIdempotencyKeys keys = kit(dialect).idempotencyKeys();
    IdempotencyRecord record = record(TENANT_A, "pay-1", FINGERPRINT_1, 4);

    keys.remember(record);

    assertThat(keys.find(TENANT_A, "pay-1")).contains(record);
    assertThat(keys.find(TENANT_A, "pay-2")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aShortFingerprintComesBackUnpadded(Dialect dialect) {
    JdbcIdempotencyKeys keys = kit(dialect).idempotencyKeys();

    keys.remember(record(TENANT_A, "k", "short", 1));

    assertThat(keys.find(TENANT_A, "k")).hasValueSatisfying(
        found -> assertThat(found.fingerprint()).isEqualTo("short"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aKeyRecordedTwiceIsRefusedAsRetryableAndTheFirstRecordStays(Dialect dialect) {
    JdbcIdempotencyKeys keys = kit(dialect).idempotencyKeys();
    IdempotencyRecord first = record(TENANT_A, "pay-1", FINGERPRINT_1, 4);
    keys.remember(first);

    assertThatThrownBy(() -> keys.remember(record(TENANT_A, "pay-1", FINGERPRINT_2, 5)))
        .isInstanceOfSatisfying(IdempotencyKeyTakenException.class,
            e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("pay-1").hasMessageContaining("tenant-a");
    assertThat(keys.find(TENANT_A, "pay-1")).contains(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void tenantsDoNotSeeEachOthersKeys(Dialect dialect) {
    JdbcIdempotencyKeys keys = kit(dialect).idempotencyKeys();
    keys.remember(record(TENANT_A, "pay-1", FINGERPRINT_1, 4));

    assertThat(keys.find(TENANT_B, "pay-1")).isEmpty();
    IdempotencyRecord other = record(TENANT_B, "pay-1", FINGERPRINT_2, 2);
    keys.remember(other);
    assertThat(keys.find(TENANT_B, "pay-1")).contains(other);
    assertThat(keys.find(TENANT_A, "pay-1")).hasValueSatisfying(
        found -> assertThat(found.fingerprint()).isEqualTo(FINGERPRINT_1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aKeyRememberedInARolledBackTransactionIsForgotten(Dialect dialect) {
    JdbcInvoiceKit kit = kit(dialect);

    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      kit.idempotencyKeys().remember(record(TENANT_A, "pay-1", FINGERPRINT_1, 4));
      assertThat(kit.idempotencyKeys().find(TENANT_A, "pay-1")).isPresent();
      throw new IllegalStateException("the command failed");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(kit.idempotencyKeys().find(TENANT_A, "pay-1")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aKeyRecordedByAConcurrentTransactionIsRefusedOnceThatOneCommits(Dialect dialect)
      throws Exception {
    JdbcInvoiceKit kit = kit(dialect);
    CountDownLatch recorded = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
        kit.transactions().inTransaction(() -> {
          kit.idempotencyKeys().remember(record(TENANT_A, "pay-1", FINGERPRINT_1, 4));
          recorded.countDown();
          await(commit);
          return null;
        }));
    assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> second = CompletableFuture.runAsync(() ->
        kit.idempotencyKeys().remember(record(TENANT_A, "pay-1", FINGERPRINT_2, 4)));
    Thread.sleep(200); // the second insert now waits for the first transaction
    commit.countDown();
    first.get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(IdempotencyKeyTakenException.class,
            e -> assertThat(e.isRetryable()).isTrue());
    assertThat(kit.idempotencyKeys().find(TENANT_A, "pay-1")).hasValueSatisfying(
        found -> assertThat(found.fingerprint()).isEqualTo(FINGERPRINT_1));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
