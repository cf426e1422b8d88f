package cloud.hyperbyte.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.render.yaml.YamlWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HyperbyteRenderTest {

  private static final String VALID = """
      apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
      kind: HyperbytedbCluster
      metadata: {name: metrics, namespace: prod}
      spec:
        replicas: 3
        replica: 4
      """;

  private static final String INVALID = """
      apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
      kind: HyperbytedbCluster
      metadata: {name: metrics, namespace: prod}
      spec:
        replicas: 0
        cluster: {raftHeartbeatIntervalMs: 1000, raftElectionTimeoutMs: 1000}
      """;

  @Test
  void givenAValidManifestExpectObjectsYamlAndItsWarnings() {
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(VALID);

    assertThat(result.isValid()).isTrue();
    assertThat(result.problems()).extracting(Problem::path).containsExactly("spec.replica");
    assertThat(result.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .contains("StatefulSet/metrics", "Service/metrics-headless", "ConfigMap/metrics-config");
    assertThat(result.yaml()).isEqualTo(YamlWriter.write(result.objects()));
  }

  @Test
  void givenAnInvalidManifestExpectEveryErrorAndNoObjects() {
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(INVALID);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems()).extracting(Problem::path)
        .contains("spec.replicas", "spec.cluster.raftElectionTimeoutMs");
    assertThatThrownBy(result::yaml).hasMessageContaining("spec.replicas");
  }

  @Test
  void givenANamespaceOverrideAndDomainExpectThemInMemberAddresses() {
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(VALID, Optional.of("staging"), "corp.internal");

    assertThat(result.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("staging"));
    assertThat(result.yaml()).contains("value: \"metrics-headless.staging.svc.corp.internal\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster.local\"; id; echo \"", "x$(touch F)", "", "Cluster.Local", "a..b", "-a.b"})
  void givenAClusterDomainThatIsNotADnsSubdomainExpectItRefusedWithTheFlagAndNoObjects(String domain) {
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(VALID, Optional.empty(), domain);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR)
        .extracting(Problem::path).containsExactly("--cluster-domain");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Prod", "prod;id", "a.b", "-prod", "x234567890123456789012345678901234567890123456789012345678901234"})
  void givenANamespaceThatIsNotADnsLabelExpectItRefusedAtMetadataNamespace(String namespace) {
    HyperbyteRender.Result result = HyperbyteRender.fromManifest(VALID, Optional.of(namespace), "cluster.local");

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR)
        .extracting(Problem::path).containsExactly("metadata.namespace");
  }

  @Test
  void givenTheSameResourceObjectExpectTheSameYamlAsItsManifest() {
    HyperbyteRender.Result fromText = HyperbyteRender.fromManifest(VALID.replace("  replica: 4\n", ""));
    var cluster = cloud.hyperbyte.model.spec.ManifestReader.readCluster(VALID.replace("  replica: 4\n", ""), Optional.empty()).orElseThrow();

    assertThat(HyperbyteRender.fromResource(cluster, HyperbyteRender.DEFAULT_CLUSTER_DOMAIN).yaml()).isEqualTo(fromText.yaml());
  }
}
