package cloud.hyperbyte.reconcile.port;

import java.util.Objects;

/** The HyperbytedbCluster a write belongs to. */
public record ClusterRef(String namespace, String name) {

  public ClusterRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }
}
