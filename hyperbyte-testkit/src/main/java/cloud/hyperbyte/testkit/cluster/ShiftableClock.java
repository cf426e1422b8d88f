package cloud.hyperbyte.testkit.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} for code under test that a test moves by hand: a base clock plus a shift. Over a
 * fixed base ({@link #at}) it stands still until moved; over a running base (the system clock, the
 * simulated members' clock) it runs with it, so an operator can live weeks ahead without the
 * simulation living through them. UTC.
 */
public final class ShiftableClock extends Clock {

  private final Clock base;
  private volatile Duration shift = Duration.ZERO;

  public ShiftableClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /** A clock standing still at {@code instant} (ISO-8601) until moved. */
  public static ShiftableClock at(String instant) {
    return at(Instant.parse(instant));
  }

  /** A clock standing still at {@code instant} until moved. */
  public static ShiftableClock at(Instant instant) {
    return new ShiftableClock(Clock.fixed(instant, ZoneOffset.UTC));
  }

  /** Moves the time forward by {@code duration}, at once. */
  public void advance(Duration duration) {
    shift = shift.plus(duration);
  }

  /** Moves the time to {@code instant} now (the base keeps running from there). */
  public void set(Instant instant) {
    shift = Duration.between(base.instant(), instant);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
