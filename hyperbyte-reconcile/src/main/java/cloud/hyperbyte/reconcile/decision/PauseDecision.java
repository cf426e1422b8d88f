package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

/**
 * Pause (product §3.7): with {@code paused: true} nothing but status changes. No member actions, no
 * StatefulSet writes; operation progress stays as it was so that unpausing resumes it.
 */
public final class PauseDecision {

  private PauseDecision() {}

  /** Whether the pass is limited to status. */
  public static boolean paused(ObservedCluster observed) {
    return observed.spec().paused();
  }

  public static Decision decide(ObservedCluster observed, LifecycleMemory memory) {
    return Decision.none(memory);
  }
}
