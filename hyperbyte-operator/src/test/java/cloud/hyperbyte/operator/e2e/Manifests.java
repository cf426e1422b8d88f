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
    return cluster(name, NAMESPACE, replicas, "0.8.5", """
        cluster:
          drainWaitSecs: 2
        failover:
          failoverTimeoutSecs: 60
        """ + extraSpec);
  }

  /**
   * A cluster {@code namespace/name} with {@code replicas} at {@code version}, and {@code spec} (YAML
   * lines of the spec's other fields, not indented) appended to the spec.
   */
  public static HyperbytedbCluster cluster(String name, String namespace, int replicas, String version, String spec) {
    String yaml = """
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: %d
          version: "%s"
        %s""".formatted(name, namespace, replicas, version, spec.indent(2));
    return Serialization.unmarshal(yaml, HyperbytedbCluster.class);
  }

  /** Spec lines that turn seeding of new members off (what the server then does: {@code SeedingE2eTest}). */
  static final String NO_SEEDING = "scaling:\n  seedNewMembers: false\n";

  static HyperbytedbCluster cluster(String name, int replicas) {
    return cluster(name, replicas, "");
  }

  /**
   * A one-shot backup {@code namespace/name} of {@code cluster} to {@code bucket} (prefix {@code hb})
   * on the S3 server at {@code endpoint}, with the credentials of Secret {@code secret}.
   */
  public static HyperbytedbBackup backup(String name, String namespace, String cluster, String bucket, String endpoint,
      String secret) {
    return Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbBackup
        metadata: {name: %s, namespace: %s}
        spec:
          clusterName: %s
          destination:
            s3: {bucket: %s, prefix: hb, endpoint: "%s", forcePathStyle: true, credentialsSecretName: %s}
        """.formatted(name, namespace, cluster, bucket, endpoint, secret), HyperbytedbBackup.class);
  }
}
