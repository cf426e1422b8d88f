package cloud.hyperbyte.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  @Test
  void unknownFieldsAreWarningsAndDroppedLikeTheApiServerPrunesThem() {
    Validated<ClusterSpec> result = Manifests.read("replicas: 3\nreplica: 5\nserver:\n  prot: 9000");

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).extracting(Problem::path).containsExactly("spec.replica", "spec.server.prot");
    assertThat(result.orElseThrow().server().port()).isEqualTo(8086);
  }

  @Test
  void wrongTypesEnumsAndBoundsAreErrorsWithTheirPaths() {
    Validated<ClusterSpec> result =
        Manifests.read(
            "replicas: three\nimagePullPolicy: Sometimes\nserver:\n  port: 70000\nlogging:\n  level: loud\nversion: 'bad tag!'");

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "spec.replicas", "spec.imagePullPolicy", "spec.server.port", "spec.logging.level", "spec.version");
    assertThat(result.errors())
        .filteredOn(p -> p.path().equals("spec.imagePullPolicy"))
        .extracting(Problem::message)
        .containsExactly("\"Sometimes\" is not one of Always, IfNotPresent, Never");
  }

  @Test
  void theApiVersionAndKindMustBeAHyperbytedbCluster() {
    String manifest = Manifests.cluster("").replace("kind: HyperbytedbCluster", "kind: Deployment");

    Validated<ClusterSpec> result = ManifestReader.readClusterSpec(manifest, Optional.empty(), "cluster.local");

    assertThat(result.errors()).extracting(Problem::path).containsExactly("kind");
  }

  @Test
  void textThatIsNotYamlIsOneClearError() {
    Validated<ClusterSpec> result =
        ManifestReader.readClusterSpec("spec: [unclosed", Optional.empty(), "cluster.local");

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).message()).startsWith("is not valid YAML or JSON");
  }

  @Test
  void requiredNestedFieldsAreReported() {
    Validated<ClusterSpec> result =
        Manifests.read("server:\n  tls:\n    enabled: true\n    certManagerIssuerRef:\n      kind: Issuer");

    assertThat(result.errors()).extracting(Problem::path).containsExactly("spec.server.tls.certManagerIssuerRef.name");
  }
}
