package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of the server's drain (contract §2.4), on simulated time: Draining, flush the WAL, wait for
 * every Active peer's WAL ack to reach the local sequence (polling, bounded by the ack timeout), tell
 * Active peers to drop this member, Leaving. On timeout the member stays Draining. There is no
 * idempotency guard, as on the server: two calls run two drains.
 */
final class DrainProcedure {

  private final SimulatedNode node;
  private final Simulation simulation;
  private final int generation;
  private final Runnable onEnd;
  private Instant deadline;

  DrainProcedure(SimulatedNode node, Simulation simulation, int generation, Runnable onEnd) {
    this.node = node;
    this.simulation = simulation;
    this.generation = generation;
    this.onEnd = onEnd;
  }

  void begin() {
    node.enterDraining();
    if (node.faults().drainStuck(this::flushLater)) {
      return; // the flush starts when the fault is cleared, unless the process restarted meanwhile
    }
    flushLater();
  }

  private void flushLater() {
    Duration flush = node.faults().flushDelay().orElse(simulation.options().flushDuration());
    later(flush, this::afterFlush);
  }

  private void afterFlush() {
    node.flush();
    deadline = simulation.time().now().plus(simulation.options().drainAckTimeout());
    pollAcks();
  }

  private void pollAcks() {
    if (node.activePeersCaughtUp()) {
      node.notifyPeersLeaving();
      node.endDrain(DrainOutcome.LEFT);
      onEnd.run();
      return;
    }
    Instant now = simulation.time().now();
    if (!now.isBefore(deadline)) {
      node.endDrain(DrainOutcome.ACK_TIMEOUT);
      onEnd.run();
      return;
    }
    Duration untilDeadline = Duration.between(now, deadline);
    Duration poll = simulation.options().drainAckPollInterval();
    later(poll.compareTo(untilDeadline) < 0 ? poll : untilDeadline, this::pollAcks);
  }

  private void later(Duration delay, Runnable step) {
    simulation.time().schedule(delay, () -> simulation.mutate(() -> {
      if (node.generation() == generation) {
        step.run();
      }
    }));
  }
}
