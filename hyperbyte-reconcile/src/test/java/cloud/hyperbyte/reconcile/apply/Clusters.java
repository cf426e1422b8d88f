package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableServerSettings;
import cloud.hyperbyte.model.spec.ImmutableTlsSettings;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.model.spec.ServerSettings;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.ClusterRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Cluster specs for apply tests, read from the project's example manifests the way users write them. */
final class Clusters {

  static final String UID = "0f6c3c1a-5a5a-4b4b-8c8c-0000000000aa";
  static final String OTHER_UID = "0f6c3c1a-5a5a-4b4b-8c8c-0000000000bb";

  private static final ImmutableClusterSpec ALL_FEATURES = read("ha-autoscaling-proxy.yaml");
  private static final ImmutableClusterSpec TLS_CERT_MANAGER = readInline(
      """
      apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
      kind: HyperbytedbCluster
      metadata:
        name: secure
        namespace: observability
      spec:
        replicas: 1
        version: "0.8.5"
        server:
          tls:
            enabled: true
            certManagerIssuerRef:
              name: letsencrypt
              kind: ClusterIssuer
              group: cert-manager.io
      """);

  private Clusters() {}

  /**
   * Five members, autoscaling, proxy, ServiceMonitor, PrometheusRule and dashboard: every object
   * kind render produces for a multi-member cluster.
   */
  static ImmutableClusterSpec allFeatures() {
    return ALL_FEATURES;
  }

  /** One member serving HTTPS with a cert-manager Certificate (TLS requires a single member). */
  static ImmutableClusterSpec certManagerTls() {
    return TLS_CERT_MANAGER;
  }

  /** {@code server} serving plain HTTP. */
  static ServerSettings withoutTls(ServerSettings server) {
    return ImmutableServerSettings.copyOf(server).withTls(ImmutableTlsSettings.builder().mode(TlsMode.DISABLED).build());
  }

  /** The desired objects of {@code spec}. */
  static List<HasMetadata> render(ClusterSpec spec) {
    return ClusterRenderer.render(spec).objects();
  }

  private static ImmutableClusterSpec read(String example) {
    // surefire passes the project directory; a benchmark started with exec:java runs in it
    String project = System.getProperty("hyperbyte.project.dir", Files.isDirectory(Path.of("examples")) ? "." : "..");
    Path dir = Path.of(project).resolve("examples");
    try {
      return readInline(Files.readString(dir.resolve(example)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ImmutableClusterSpec readInline(String manifest) {
    ClusterSpec spec = ManifestReader.readClusterSpec(manifest, Optional.empty(), "cluster.local").orElseThrow();
    return ImmutableClusterSpec.copyOf(spec).withUid(UID);
  }
}
