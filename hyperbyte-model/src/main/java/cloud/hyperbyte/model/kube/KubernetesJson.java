package cloud.hyperbyte.model.kube;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The model's one Kubernetes-aware JSON/YAML mapper. Building a mapper costs a command-line run a
 * good part of its start-up (modules, Kubernetes type registry), so every reader here shares this one;
 * it is thread-safe once built.
 */
public final class KubernetesJson {

  /** The shared serialization (fabric8's, with its Kubernetes type registry). */
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesJson() {}
}
