package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.SimulatedTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that reads {@link SimulatedTime}, for code under test that takes a {@code Clock}
 * (the operator's lifecycle decisions and status times) so it shares the simulated members' time.
 */
public final class SimulatedClock extends Clock {

  private final SimulatedTime time;
  private final ZoneId zone;

  public SimulatedClock(SimulatedTime time) {
    this(time, ZoneOffset.UTC);
  }

  private SimulatedClock(SimulatedTime time, ZoneId zone) {
    this.time = Objects.requireNonNull(time, "time");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new SimulatedClock(time, other);
  }

  @Override
  public Instant instant() {
    return time.now();
  }
}
