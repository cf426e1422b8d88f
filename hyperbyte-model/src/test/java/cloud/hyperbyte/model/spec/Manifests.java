package cloud.hyperbyte.model.spec;

/** Test manifests: a cluster named {@code hb} in namespace {@code db} with a spec fragment. */
final class Manifests {

  private Manifests() {}

  /** A manifest whose spec is {@code specYaml}, indented by the caller as top-level spec keys. */
  static String cluster(String specYaml) {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1\n"
                + "kind: HyperbytedbCluster\n"
                + "metadata:\n  name: hb\n  namespace: db\n"
                + "spec:\n");
    if (specYaml.isBlank()) {
      yaml.append("  {}\n");
    }
    specYaml.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
    return yaml.toString();
  }

  static Validated<ClusterSpec> read(String specYaml) {
    return ManifestReader.readClusterSpec(cluster(specYaml), java.util.Optional.empty(), "cluster.local");
  }
}
