package cloud.hyperbyte.testkit.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;

/** A pod by namespace and name, whatever its incarnation. */
record PodRef(String namespace, String name) {

  PodRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  static PodRef of(Pod pod) {
    return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  /**
   * The pod of a stable member DNS name {@code <pod>.<service>.<namespace>.svc[.<domain>]}, the host
   * the operator calls and the address Raft stores.
   */
  static PodRef ofHost(String host) {
    String[] labels = host.split("\\.");
    if (labels.length < 4 || !labels[3].equals("svc")) {
      throw new IllegalArgumentException("not a pod DNS name <pod>.<service>.<namespace>.svc...: " + host);
    }
    return new PodRef(labels[2], labels[0]);
  }
}
