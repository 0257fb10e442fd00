package dev.invoicekit.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until its owner moves it ({@link #advance}, {@link #set}): "30 days
 * later" in a test or an example takes no 30 days, and every reading is predictable. It never reads
 * the system clock. A copy in another zone ({@link #withZone}) moves with this one.
 *
 * <p>Thread-safe: a reading on any thread sees the latest move.
 */
public final class SteppingClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /**
   * A clock standing at {@code start}.
   *
   * @param start where the clock stands, not null
   * @param zone the clock's zone, not null
   */
  public SteppingClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
  }

  private SteppingClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Puts the clock at an instant, earlier or later.
   *
   * @param instant where the clock stands from now on, not null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forward (or back, for a negative duration).
   *
   * @param duration how far, not null
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * This clock seen in another zone: it stands where this one stands and moves when it moves.
   *
   * @param other the zone, not null
   * @return the clock in that zone, not null
   */
  @Override
  public Clock withZone(ZoneId other) {
    return new SteppingClock(now, other);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
