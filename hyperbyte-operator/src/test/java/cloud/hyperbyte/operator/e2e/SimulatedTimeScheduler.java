package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.queue.Scheduler;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The work queue's timer on simulated time: a requeue at a decision's deadline (drain bound,
 * failover timeout) fires when the simulated clock reaches it, however fast the test drives it.
 */
public final class SimulatedTimeScheduler implements Scheduler {

  private final Clock clock;
  private final SimulatedTime time;

  /** @param clock the operator's clock, whose instants {@link #schedule} receives */
  public SimulatedTimeScheduler(Clock clock, SimulatedTime time) {
    this.clock = clock;
    this.time = time;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Scheduled schedule(Instant at, Runnable task) {
    SimulatedTime.Scheduled scheduled = time.schedule(Duration.between(clock.instant(), at), task);
    return scheduled::cancel;
  }
}
