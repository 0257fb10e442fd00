package dev.invoicekit.jdbc.testing;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik properties when no MariaDB server is configured, saying why; JUnit tests of the same
 * class skip through {@code Assumptions} with the same reason.
 */
public final class SkipWithoutMariadb implements SkipExecutionHook {

  /** Whether {@link TestDatabases#mariadb()} has a server to use. */
  public static boolean mariadbConfigured() {
    String url = System.getenv(TestDatabases.MARIADB_URL_VARIABLE);
    return url != null && !url.isBlank();
  }

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return mariadbConfigured()
        ? SkipResult.doNotSkip()
        : SkipResult.skip(TestDatabases.mariadbSkipReason());
  }
}
