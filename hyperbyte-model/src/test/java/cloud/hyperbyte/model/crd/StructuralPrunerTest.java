package cloud.hyperbyte.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.spec.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuralPrunerTest {

  private static StructuralPruner.Pruned prune(String yaml) {
    Map<String, Object> tree = ManifestDocuments.parse(yaml).orElseThrow().get(0).tree();
    return StructuralPruner.prune(tree, CrdSchemas.openApiSchemaNode("hyperbytedbclusters"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(StructuralPruner.Pruned pruned) {
    return (Map<String, Object>) pruned.document().get("spec");
  }

  @Test
  void unknownFieldsArePrunedAtAnyDepthWithAWarningEach() {
    StructuralPruner.Pruned pruned = prune("""
        spec:
          resources: {request: {cpu: 1}, limits: {cpu: 2}}
          affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [], x: 1}]}}}
        """);

    assertThat(spec(pruned))
        .containsEntry("resources", Map.of("limits", Map.of("cpu", 2)))
        .containsEntry("affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
            Map.of("nodeSelectorTerms", java.util.List.of(Map.of("matchFields", java.util.List.of()))))));
    assertThat(pruned.warnings()).extracting(Problem::path).containsExactly(
        "spec.resources.request",
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].x");
  }

  @Test
  void mapValuesAreKeptWhateverTheirKeys() {
    assertThat(spec(prune("spec: {podLabels: {anything: x}, resources: {limits: {example.com/gpu: 1}}}")))
        .containsEntry("podLabels", Map.of("anything", "x"))
        .containsEntry("resources", Map.of("limits", Map.of("example.com/gpu", 1)));
  }

  @Test
  void aNullOrAnAbsentFieldTakesTheDefaultAsTheApiServerGivesIt() {
    StructuralPruner.Pruned pruned = prune("spec: {replicas: null, resources: null, server: {port: ~}}");

    assertThat(spec(pruned)).containsEntry("replicas", 1).containsEntry("version", "0.8.5")
        .doesNotContainKey("resources");
    assertThat(spec(pruned).get("server")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("port", 8086).containsEntry("queryTimeoutSecs", 30);
    assertThat(pruned.warnings()).isEmpty();
    assertThat(prune("spec: null").document()).doesNotContainKey("spec");
  }

  @Test
  void metadataKeepsObjectMetaFieldsAndStatusAndUnknownRootFieldsGo() {
    StructuralPruner.Pruned pruned = prune("""
        apiVersion: v
        kind: K
        metadata: {name: a, nmae: b, labels: {x: z}}
        status: {phase: Running}
        extra: 1
        """);

    assertThat(pruned.document()).isEqualTo(Map.of("apiVersion", "v", "kind", "K", "metadata", Map.of("name", "a", "labels", Map.of("x", "z"))));
    assertThat(pruned.warnings()).extracting(Problem::path).containsExactlyInAnyOrder("metadata.nmae", "status", "extra");
  }
}
