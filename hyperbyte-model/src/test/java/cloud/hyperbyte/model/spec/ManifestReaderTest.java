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

    assertThat(result.errors()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("(input)");
      assertThat(p.message()).startsWith("line 1, column 16: is not valid YAML: expected ',' or ']'");
    });
  }

  @Test
  void unknownFieldsInsideEmbeddedKubernetesTypesArePrunedNotPassedOn() {
    Validated<ClusterSpec> result = Manifests.read(
        "resources: {request: {cpu: '1'}, limits: {cpu: '2'}}\ntolerations: [{key: a, operator: Exists, efect: NoSchedule}]");

    assertThat(result.warnings()).extracting(Problem::path)
        .containsExactly("spec.resources.request", "spec.tolerations[0].efect");
    ClusterSpec spec = result.orElseThrow();
    assertThat(spec.resources().orElseThrow().getAdditionalProperties()).isEmpty();
    assertThat(spec.tolerations().get(0).getAdditionalProperties()).isEmpty();
    assertThat(spec.tolerations().get(0).getEffect()).isNull();
  }

  @Test
  void aNullTakesTheSchemaDefaultAndAMissingSpecIsAllDefaults() {
    assertThat(Manifests.read("replicas: null\nserver: {port: null}").orElseThrow())
        .satisfies(spec -> assertThat(spec.replicas()).isEqualTo(1))
        .satisfies(spec -> assertThat(spec.server().port()).isEqualTo(8086));
    String noSpec = Manifests.cluster("").replace("spec:\n  {}\n", "");

    assertThat(ManifestReader.readClusterSpec(noSpec, Optional.empty(), "cluster.local").orElseThrow().replicas()).isEqualTo(1);
  }

  @Test
  void unknownTopLevelAndMetadataFieldsAreWarnings() {
    String manifest = Manifests.cluster("replicas: 1").replace("  name: hb\n", "  name: hb\n  nmae: typo\n") + "extra: 1\n";

    Validated<ClusterSpec> result = ManifestReader.readClusterSpec(manifest, Optional.empty(), "cluster.local");

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).extracting(Problem::path).containsExactly("metadata.nmae", "extra");
  }

  @Test
  void integersBeyondTheirWidthAreErrorsWithTheirPath() {
    Validated<ClusterSpec> result =
        Manifests.read("replicas: 2147483648\ncluster: {raftElectionTimeoutMs: 12345678901234567890}");

    assertThat(result.errors()).extracting(Problem::path)
        .containsExactlyInAnyOrder("spec.replicas", "spec.cluster.raftElectionTimeoutMs");
    assertThat(result.errors()).allSatisfy(p -> assertThat(p.message()).contains("out of range", "32-bit"));
  }

  @Test
  void oneClusterIsExpectedWhereOneIsRead() {
    String two = Manifests.cluster("") + "---\n" + Manifests.cluster("");

    assertThat(ManifestReader.readClusterSpec(two, Optional.empty(), "cluster.local").errors())
        .extracting(Problem::message).containsExactly("holds 2 objects; exactly one HyperbytedbCluster is expected here");
  }

  @Test
  void requiredNestedFieldsAreReported() {
    Validated<ClusterSpec> result =
        Manifests.read("server:\n  tls:\n    enabled: true\n    certManagerIssuerRef:\n      kind: Issuer");

    assertThat(result.errors()).extracting(Problem::path).containsExactly("spec.server.tls.certManagerIssuerRef.name");
  }
}
