package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Readiness set by the test, per pod name, with a default for pods not mentioned; changes notify the simulator. */
public final class ManualPodReadiness implements PodReadiness {

  private final Map<String, Boolean> byName = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean readyByDefault;

  /** Pods not set explicitly are ready iff {@code readyByDefault}. */
  public ManualPodReadiness(boolean readyByDefault) {
    this.readyByDefault = readyByDefault;
  }

  /** Sets the readiness of one pod. */
  public ManualPodReadiness set(String podName, boolean ready) {
    byName.put(podName, ready);
    listeners.forEach(Runnable::run);
    return this;
  }

  /** Sets the readiness of pods not set explicitly. */
  public ManualPodReadiness setDefault(boolean ready) {
    readyByDefault = ready;
    listeners.forEach(Runnable::run);
    return this;
  }

  @Override
  public boolean isReady(Pod pod) {
    return byName.getOrDefault(pod.getMetadata().getName(), readyByDefault);
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }
}
