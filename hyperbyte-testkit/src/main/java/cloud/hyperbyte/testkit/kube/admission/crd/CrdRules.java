package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaNodes;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The checks apiextensions-apiserver makes on a CRD's {@code x-kubernetes-validations} before it
 * stores the CRD: every rule and {@code messageExpression} compiles (and a rule yields a bool), a
 * {@code reason} is one of the four allowed, a {@code fieldPath} names a field of the schema, each
 * rule's estimated cost stays within {@link RuleCost#PER_RULE_LIMIT} and all rules of a version,
 * each multiplied by how often its node can occur, within {@link RuleCost#PER_CRD_LIMIT}.
 */
public final class CrdRules {

  private static final Set<String> REASONS =
      Set.of("FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate");
  private static final String BOUNDS_HINT = " (try simplifying the rule, or adding maxItems, maxProperties, and"
      + " maxLength where arrays, maps, and strings are declared)";

  private CrdRules() {}

  /** One rule of a CRD: where it is declared, on which schema, how often that node can occur, its cost. */
  public record Located(String path, JsonNode schema, JsonNode rule, long cardinality, RuleCost cost,
      String uncorrelatable) {}

  /** Every rule of the CRD ({@code spec.versions[*].schema.openAPIV3Schema}), with its estimated cost. */
  public static List<Located> rules(JsonNode crd) {
    List<Located> out = new ArrayList<>();
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      if (schema.isObject()) {
        collect(schema, "spec.versions[" + i + "].schema.openAPIV3Schema", 1, null, out);
      }
    }
    return out;
  }

  /** The field errors that make the server refuse this CRD, empty if it would store it. */
  public static List<FieldError> check(JsonNode crd) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      String root = "spec.versions[" + i + "].schema.openAPIV3Schema";
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      if (!schema.isObject()) {
        continue;
      }
      List<Located> rules = new ArrayList<>();
      collect(schema, root, 1, null, rules);
      long total = 0;
      for (Located located : rules) {
        checkOne(located, errors);
        long weighted = located.cost() == null ? 0 : saturatedProduct(located.cost().cost(), located.cardinality());
        total = weighted + total < 0 ? Long.MAX_VALUE : weighted + total;
      }
      if (total > RuleCost.PER_CRD_LIMIT) {
        errors.add(FieldError.forbidden(root, "x-kubernetes-validations estimated rule cost total for entire"
            + " OpenAPIv3 schema exceeds budget by " + factor(total, RuleCost.PER_CRD_LIMIT) + BOUNDS_HINT));
      }
    }
    return errors;
  }

  private static void checkOne(Located located, List<FieldError> errors) {
    ValidationRules.Rule rule = ValidationRules.Rule.of(located.rule());
    if (rule.rule().isBlank()) {
      errors.add(FieldError.required(located.path() + ".rule", "rule is not specified"));
      return;
    }
    KubernetesCel.Compiled compiled = KubernetesCel.compileRule(rule.rule(), rule.optionalOldSelf());
    if (compiled.error() != null) {
      errors.add(FieldError.invalid(located.path() + ".rule", Values.quote(rule.rule()) + ": " + compiled.error()));
    } else if (located.cost().cost() > RuleCost.PER_RULE_LIMIT) {
      errors.add(FieldError.forbidden(located.path() + ".rule", "estimated rule cost exceeds budget by "
          + factor(located.cost().cost(), RuleCost.PER_RULE_LIMIT) + BOUNDS_HINT));
    }
    if (!rule.messageExpression().isEmpty()) {
      KubernetesCel.Compiled message = KubernetesCel.compileMessage(rule.messageExpression());
      if (message.error() != null) {
        errors.add(FieldError.invalid(located.path() + ".messageExpression",
            Values.quote(rule.messageExpression()) + ": " + message.error()));
      }
    }
    if (rule.optionalOldSelf() && compiled.error() == null && !compiled.usesOldSelf()) {
      errors.add(FieldError.invalid(located.path() + ".optionalOldSelf",
          "true: may not be set if oldSelf is not used in rule"));
    }
    if (compiled.error() == null && compiled.usesOldSelf() && located.uncorrelatable() != null) {
      errors.add(FieldError.invalid(located.path() + ".rule", Values.quote(rule.rule())
          + ": oldSelf cannot be used on the uncorrelatable portion of the schema within " + located.uncorrelatable()));
    }
    if (!rule.reason().isEmpty() && !REASONS.contains(rule.reason())) {
      errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, located.path() + ".reason",
          Values.quote(rule.reason()) + ": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\","
              + " \"FieldValueInvalid\", \"FieldValueRequired\""));
    }
    if (!rule.fieldPath().isEmpty()) {
      RuleFieldPaths.Resolved resolved = RuleFieldPaths.resolve(rule.fieldPath(), located.schema());
      if (resolved.error() != null) {
        errors.add(FieldError.invalid(located.path() + ".fieldPath",
            Values.quote(rule.fieldPath()) + ": " + resolved.error()));
      }
    }
  }

  /** {@code uncorrelatable}: the path of an atomic or set list above, where oldSelf has no counterpart. */
  private static void collect(JsonNode schema, String path, long cardinality, String uncorrelatable,
      List<Located> out) {
    JsonNode rules = schema.path("x-kubernetes-validations");
    for (int j = 0; j < rules.size(); j++) {
      JsonNode rule = rules.get(j);
      KubernetesCel.Compiled compiled = KubernetesCel.compileRule(rule.path("rule").asText(""),
          rule.path("optionalOldSelf").asBoolean(false));
      RuleCost cost = compiled.ast() == null ? null : RuleCost.of(compiled.ast(), schema);
      out.add(new Located(path + ".x-kubernetes-validations[" + j + "]", schema, rule, cardinality, cost,
          uncorrelatable));
    }
    JsonNode properties = schema.path("properties");
    if (properties.isObject()) {
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        collect(property.getValue(), path + ".properties[" + property.getKey() + "]", cardinality, uncorrelatable,
            out);
      }
    }
    JsonNode items = SchemaNodes.items(schema);
    if (items != null) {
      boolean listMap = "map".equals(schema.path("x-kubernetes-list-type").asText());
      collect(items, path + ".items", saturatedProduct(cardinality, RuleCost.maxSize(schema)),
          uncorrelatable != null || listMap ? uncorrelatable : path, out);
    }
    JsonNode values = SchemaNodes.additionalProperties(schema);
    if (values != null) {
      collect(values, path + ".additionalProperties", saturatedProduct(cardinality, RuleCost.maxSize(schema)),
          uncorrelatable, out);
    }
  }

  private static String factor(long cost, long limit) {
    double factor = (double) cost / limit;
    return factor > 100 ? "factor of more than 100x" : String.format(Locale.ROOT, "factor of %.1fx", factor);
  }

  private static long saturatedProduct(long a, long b) {
    return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
  }
}
