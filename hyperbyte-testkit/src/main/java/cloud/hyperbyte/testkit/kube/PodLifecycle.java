package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Hooks for what runs "inside" simulated pods, e.g. simulated database nodes: a started pod starts a
 * node, a deleted pod stops it. Called from the simulator's threads; keep them quick.
 */
public interface PodLifecycle {

  /** No hooks. */
  PodLifecycle NONE = new PodLifecycle() {
  };

  /** {@code pod} was created and is running with an IP (before its readiness is first evaluated). */
  default void onStarted(Pod pod) {
  }

  /** {@code pod} was deleted (scale-down, rolling update, failover, garbage collection or a test). */
  default void onDeleted(Pod pod) {
  }
}
