package dev.invoicekit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The business's clock and time zone: "today" is the date in that zone, so an invoice due on the
 * 24th is past due from midnight of the 25th where the business is, wherever the server runs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clock the clock, not null; tests pass {@code Clock.fixed(...)}
 * @param zone the business's time zone, not null
 */
public record BusinessClock(Clock clock, ZoneId zone) {

  /** Checks both parts are present. */
  public BusinessClock {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * Today in the business's time zone.
   *
   * @return the date, not null
   */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /**
   * The current instant, for event timestamps.
   *
   * @return the instant, not null
   */
  public Instant now() {
    return clock.instant();
  }
}
