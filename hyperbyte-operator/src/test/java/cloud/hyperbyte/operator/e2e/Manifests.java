package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Manifests for the end-to-end scenarios and the benchmarks, written as a user would write them. */
public final class Manifests {

  static final String NAMESPACE = "e2e";

  private Manifests() {}

  /**
   * A cluster {@code name} with {@code replicas} at version 0.8.5, short drain wait and failover
   * timeout (the minimum), and {@code extraSpec} (YAML lines indented by two spaces) appended to the
   * spec.
   */
  static HyperbytedbCluster cluster(String name, int replicas, String extraSpec) {
    String yaml = """
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: %d
          version: "0.8.5"
          cluster:
            drainWaitSecs: 2
          failover:
            failoverTimeoutSecs: 60
        %s""".formatted(name, NAMESPACE, replicas, extraSpec.indent(2));
    return Serialization.unmarshal(yaml, HyperbytedbCluster.class);
  }

  /** Spec lines that turn seeding of new members off (what the server then does: {@code SeedingE2eTest}). */
  static final String NO_SEEDING = "scaling:\n  seedNewMembers: false\n";

  static HyperbytedbCluster cluster(String name, int replicas) {
    return cluster(name, replicas, "");
  }

  /** A one-shot backup of cluster {@code hdb} to {@code bucket} (prefix {@code hb}) on the S3 server at {@code endpoint}. */
  public static HyperbytedbBackup backup(String name, String namespace, String bucket, String endpoint, String secret) {
    return Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbBackup
        metadata: {name: %s, namespace: %s}
        spec:
          clusterName: hdb
          destination:
            s3: {bucket: %s, prefix: hb, endpoint: "%s", forcePathStyle: true, credentialsSecretName: %s}
        """.formatted(name, namespace, bucket, endpoint, secret), HyperbytedbBackup.class);
  }
}
