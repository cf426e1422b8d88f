package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every object the chart renders, with every value set, is valid against the strict Kubernetes schemas. */
class RenderedObjectsMatchKubernetesSchemasTest {

  /** Core kinds the schema set does not publish; the API server's own validation covers them. */
  private static final Set<String> KINDS_WITHOUT_PUBLISHED_SCHEMA = Set.of("v1/Namespace");

  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.shared();

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void everyRenderedObjectIsValid(ValueSet valueSet) {
    for (Map<String, Object> object : valueSet.render().objects()) {
      String kind = object.get("apiVersion") + "/" + object.get("kind");
      if (KINDS_WITHOUT_PUBLISHED_SCHEMA.contains(kind)) {
        continue;
      }
      assertThat(SCHEMAS.violations(object)).as("%s %s", kind, metadata(object).get("name")).isEmpty();
    }
  }

  @Test
  void aMisspelledFieldIsCaught() {
    Map<String, Object> deployment = ValueSet.DEFAULTS.render().one("Deployment", HelmChart.RELEASE);
    Map<String, Object> broken = new java.util.LinkedHashMap<>(deployment);
    broken.put("spec", Map.of("replica", 1));

    assertThat(SCHEMAS.violations(broken)).isNotEmpty();
  }
}
