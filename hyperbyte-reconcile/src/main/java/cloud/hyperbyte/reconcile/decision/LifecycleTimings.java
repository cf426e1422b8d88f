package cloud.hyperbyte.reconcile.decision;

import java.time.Duration;

/**
 * Bounds of the waits the lifecycle makes. Not part of the CRD: they follow from the server
 * (contract §2.4, §2.2) rather than from user preference.
 *
 * @param drainAckTimeout the server's drain ack wait (90 s); a member still {@code Draining} after it
 *     has finished draining as far as it ever will in async mode
 * @param drainBound longest wait for a drain in any state; after it the removal proceeds with a warning
 * @param rejoinBound longest wait for a restarted member to be Ready, Active and a voter again before
 *     the upgrade stops (covers the server's startup before its listener binds)
 * @param poll requeue delay while waiting on database state that produces no Kubernetes event
 */
public record LifecycleTimings(Duration drainAckTimeout, Duration drainBound, Duration rejoinBound, Duration poll) {

  /** 90 s drain ack, 180 s drain bound, 15 min rejoin bound, 5 s poll. */
  public static LifecycleTimings defaults() {
    return new LifecycleTimings(
        Duration.ofSeconds(90), Duration.ofSeconds(180), Duration.ofMinutes(15), Duration.ofSeconds(5));
  }
}
