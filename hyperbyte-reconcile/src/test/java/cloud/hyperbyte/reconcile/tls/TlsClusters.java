package cloud.hyperbyte.reconcile.tls;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ManifestReader;
import java.util.Optional;

/** Single-member cluster specs {@code prod/db} for the TLS decisions, read as the operator reads a manifest. */
final class TlsClusters {

  private TlsClusters() {}

  /** The cluster with {@code server.tls} set to {@code tls} (flow YAML). */
  static ClusterSpec spec(String tls) {
    return spec(tls, "");
  }

  /** The cluster with {@code server.tls} set to {@code tls}, then {@code extra} (lines indented as under spec). */
  static ClusterSpec spec(String tls, String extra) {
    return ManifestReader.readClusterSpec("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: db, namespace: prod, uid: 6f1d0c1e-1111-4a4a-9b9b-000000000001}
        spec:
          replicas: 1
          server: {tls: %s}
        %s""".formatted(tls, extra), Optional.empty(), "cluster.local").orElseThrow();
  }
}
