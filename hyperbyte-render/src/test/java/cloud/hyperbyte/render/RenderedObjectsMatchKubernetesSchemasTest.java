package cloud.hyperbyte.render;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object every spec variant renders is valid against the official strict schemas of
 * Kubernetes 1.32 (and of the Prometheus Operator and cert-manager for their kinds): no unknown
 * fields, right types, required fields present.
 */
class RenderedObjectsMatchKubernetesSchemasTest {

  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.shared();

  static java.util.List<org.junit.jupiter.params.provider.Arguments> variants() {
    return SpecVariants.arguments();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void givenASpecVariantEveryRenderedObjectIsSchemaValid(String name, ClusterSpec spec) {
    for (HasMetadata object : ClusterRenderer.render(spec).objects()) {
      assertThat(SCHEMAS.violations(object))
          .as("%s %s/%s", name, object.getKind(), object.getMetadata().getName())
          .isEmpty();
    }
  }

  @Test
  void everyKindThatCanBeRenderedHasASchema() {
    TreeSet<String> kinds = SpecVariants.all().values().stream()
        .flatMap(spec -> ClusterRenderer.render(spec).objects().stream())
        .map(o -> o.getApiVersion() + " " + o.getKind())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(kinds).allSatisfy(kind -> assertThat(SCHEMAS.covers(kind.split(" ")[0], kind.split(" ")[1])).as(kind).isTrue());
    assertThat(kinds).contains("apps/v1 StatefulSet", "v1 Service", "v1 ConfigMap", "policy/v1 PodDisruptionBudget",
        "autoscaling/v2 HorizontalPodAutoscaler", "apps/v1 Deployment", "monitoring.coreos.com/v1 ServiceMonitor",
        "monitoring.coreos.com/v1 PrometheusRule", "cert-manager.io/v1 Certificate");
  }

  @Test
  void theValidatorRejectsAnUnknownField() {
    StatefulSet statefulSet = ClusterRenderer.render(TestSpecs.threeNode()).objects().stream()
        .filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).findFirst().orElseThrow();
    statefulSet.getSpec().getTemplate().getSpec().setAdditionalProperty("initContainer", Map.of());

    assertThat(SCHEMAS.violations(statefulSet)).singleElement().asString().contains("initContainer");
  }
}
