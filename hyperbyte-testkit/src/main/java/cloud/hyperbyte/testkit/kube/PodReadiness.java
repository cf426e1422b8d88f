package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Whether a running simulated pod passes its readiness probe, e.g. from a simulated database node's
 * {@code /health}. The simulator asks on every reconcile of the pod's StatefulSet; a source whose
 * answers change by themselves pushes changes through {@link #onChange(Runnable)} (any pod may have
 * changed) or {@link #onPodChange(BiConsumer)} (this pod changed), or the test calls
 * {@link StatefulSetSimulator#readinessChanged()}.
 */
@FunctionalInterface
public interface PodReadiness {

  /** Whether {@code pod} (running, with its IP) is ready now. */
  boolean isReady(Pod pod);

  /** Registers the simulator's callback for readiness changes; sources that never change ignore it. */
  default void onChange(Runnable listener) {
  }

  /**
   * Registers the simulator's callback for a change of one pod's readiness, called with its namespace
   * and name: the simulator then looks at that pod's StatefulSet alone, where {@link #onChange} makes
   * it look at every StatefulSet (a thousand of them for each member that turns ready at scale).
   */
  default void onPodChange(BiConsumer<String, String> listener) {
  }

  /** Every running pod is ready. */
  static PodReadiness always() {
    return pod -> true;
  }

  /** Readiness by pod name. */
  static PodReadiness byName(Predicate<String> ready) {
    return pod -> ready.test(pod.getMetadata().getName());
  }
}
