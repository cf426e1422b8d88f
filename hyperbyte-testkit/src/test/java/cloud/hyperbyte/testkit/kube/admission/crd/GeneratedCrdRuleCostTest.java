package cloud.hyperbyte.testkit.kube.admission.crd;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every CEL rule of the generated CRDs compiles, walks only bounded lists, maps and strings, and
 * stays within the API server's per-rule and per-CRD cost budgets.
 */
class GeneratedCrdRuleCostTest {

  static final List<String> CRDS = SimulatedKubernetes.HYPERBYTE_CRDS;
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  static JsonNode crd(String plural) {
    return YAML.readTree(CrdSchemas.yaml(plural));
  }

  @ParameterizedTest
  @FieldSource("CRDS")
  void everyRuleCompilesAndTheCrdIsAccepted(String plural) {
    assertThat(CrdRules.check(crd(plural))).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("CRDS")
  void everyRuleWalksOnlyBoundedValuesAndStaysWithinBothBudgets(String plural) {
    List<CrdRules.Located> rules = CrdRules.rules(crd(plural));
    long total = 0;
    for (CrdRules.Located rule : rules) {
      System.out.printf("%s %s: cost %d x %d%n", plural, rule.path(), rule.cost().cost(), rule.cardinality());
      assertThat(rule.cost().unbounded()).as(rule.path()).isEmpty();
      assertThat(rule.cost().cost()).as(rule.path()).isLessThanOrEqualTo(RuleCost.PER_RULE_LIMIT);
      total += rule.cost().cost() * rule.cardinality();
    }
    System.out.printf("%s: %d rules, total cost %d%n", plural, rules.size(), total);
    assertThat(total).isLessThanOrEqualTo(RuleCost.PER_CRD_LIMIT);
  }

  @Test
  void theClusterCrdHasItsRulesWhereTheModelDeclaresThem() {
    assertThat(CrdRules.rules(crd("hyperbytedbclusters"))).hasSize(15);
  }

  @Test
  void withoutItsBoundsThePodLabelsRuleWalksAMapSizedByTheRequestLimit() {
    JsonNode crd = crd("hyperbytedbclusters");
    ObjectNode podLabels = (ObjectNode) crd.path("spec").path("versions").get(0).path("schema")
        .path("openAPIV3Schema").path("properties").path("spec").path("properties").path("podLabels");
    long bounded = podLabelsRule(crd).cost().cost();
    podLabels.remove("maxProperties");
    ((ObjectNode) podLabels.path("additionalProperties")).remove("maxLength");

    CrdRules.Located unbounded = podLabelsRule(crd);

    System.out.printf("podLabels rule: cost %d bounded, %d unbounded%n", bounded, unbounded.cost().cost());
    assertThat(unbounded.cost().unbounded()).containsExactly("self.podLabels");
    assertThat(unbounded.cost().cost()).isGreaterThan(1000 * bounded);
  }

  private static CrdRules.Located podLabelsRule(JsonNode crd) {
    return CrdRules.rules(crd).stream().filter(r -> r.rule().path("rule").asText().contains("podLabels.exists"))
        .findFirst().orElseThrow();
  }
}
