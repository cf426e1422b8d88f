package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Hooks for what runs "inside" simulated pods, e.g. simulated database nodes: a started pod starts a
 * node, a pod being deleted stops it. Called from the simulator's threads; keep them quick.
 */
public interface PodLifecycle {

  /** No hooks. */
  PodLifecycle NONE = new PodLifecycle() {
  };

  /** {@code pod} was created and is running with an IP (before its readiness is first evaluated). */
  default void onStarted(Pod pod) {
  }

  /**
   * {@code pod} is being deleted (scale-down, rolling update, failover, garbage collection or a test):
   * the kubelet's SIGTERM. Called once per pod when its {@code deletionTimestamp} is first seen (its
   * {@code deletionGracePeriodSeconds} is how long the processes may take before they are killed), or
   * when a pod vanishes without that (a forced deletion).
   */
  default void onDeleted(Pod pod) {
  }

  /**
   * Whether every process of a Terminating {@code pod} has exited, so the kubelet can remove it. Asked
   * after {@link #onDeleted} until it says so; the implementation kills what still runs when the
   * grace period ends.
   */
  default boolean hasExited(Pod pod) {
    return true;
  }
}
