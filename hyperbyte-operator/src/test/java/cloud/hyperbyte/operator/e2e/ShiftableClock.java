package cloud.hyperbyte.operator.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The operator's clock: the simulated members' clock plus an offset a test can move, so the operator
 * can live weeks ahead (certificate renewal) without the members simulating every heartbeat of them.
 */
final class ShiftableClock extends Clock {

  private final Clock base;
  private volatile Duration shift = Duration.ZERO;

  ShiftableClock(Clock base) {
    this.base = base;
  }

  /** Moves the operator's time forward by {@code duration}, at once. */
  void jump(Duration duration) {
    shift = shift.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(shift);
  }
}
