package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.spec.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Checks a manifest, as a plain tree of maps, lists and scalars, against a CRD's structural schema
 * the way the API server does before it stores an object ({@link SchemaCheck}), and words what it
 * finds for the person who wrote the manifest: unknown fields are warnings (the server prunes them,
 * see {@link StructuralPruner}); everything else is an error. CEL rules are not evaluated here;
 * {@link cloud.hyperbyte.model.spec.ClusterSpecFactory} checks the same cross-field rules.
 */
public final class CrdSchemaValidator {

  private static final Set<String> OBJECT_META_ROOT = Set.of("apiVersion", "kind", "metadata");

  private CrdSchemaValidator() {}


  /** Every problem of {@code document} (a whole custom resource) against its root schema as JSON. */
  public static List<Problem> validate(Map<String, Object> document, JsonNode schema) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Object> field : document.entrySet()) {
      if (OBJECT_META_ROOT.contains(field.getKey())) {
        continue;
      }
      JsonNode property = SchemaNodes.property(schema, field.getKey());
      if (property == null) {
        problems.add(StructuralPruner.unknown(field.getKey()));
        continue;
      }
      JsonNode value = TreeNodes.node(field.getValue());
      List<SchemaViolation> violations = SchemaCheck.violations(value, property, field.getKey());
      // a number too wide for its field says all there is to say about it
      Set<String> tooWide = violations.stream().filter(v -> v.kind() == SchemaViolation.Kind.WIDTH)
          .map(SchemaViolation::path).collect(Collectors.toSet());
      for (SchemaViolation violation : violations) {
        if (violation.kind() == SchemaViolation.Kind.WIDTH || !tooWide.contains(violation.path())) {
          problems.add(worded(violation));
        }
      }
    }
    return problems;
  }

  private static Problem worded(SchemaViolation v) {
    String path = v.path();
    String bound = v.bound().isNumber() ? plain(v.bound().asDouble()) : v.bound().asString("");
    return switch (v.kind()) {
      case UNKNOWN_FIELD -> StructuralPruner.unknown(path);
      case NULL -> Problem.error(path, "must not be null; remove the field to use its default");
      case TYPE -> Problem.error(path, "must be " + typeName(bound) + ", got " + describe(v.value()));
      case WIDTH -> Problem.error(path, v.value() + " is out of range: it must be a " + bound + "-bit integer, "
          + ("32".equals(bound) ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE));
      case ENUM -> Problem.error(path, describeBare(v.value()) + " is not one of " + StreamSupport.stream(
          v.bound().spliterator(), false).map(n -> n.isString() ? n.asString() : n.toString())
          .collect(Collectors.joining(", ")));
      case MIN_LENGTH -> Problem.error(path, "must be at least " + bound + " characters long");
      case MAX_LENGTH -> Problem.error(path, "must be at most " + bound + " characters long");
      case PATTERN -> Problem.error(path, describeBare(v.value()) + " does not match the pattern " + bound);
      case DATE_TIME -> Problem.error(path, describeBare(v.value()) + " is not a date-time such as 2026-01-31T12:00:00Z");
      case MINIMUM -> Problem.error(path, "must be at least " + bound + ", got " + number(v.value()));
      case EXCLUSIVE_MINIMUM -> Problem.error(path, "must be greater than " + bound + ", got " + number(v.value()));
      case MAXIMUM -> Problem.error(path, "must be at most " + bound + ", got " + number(v.value()));
      case EXCLUSIVE_MAXIMUM -> Problem.error(path, "must be less than " + bound + ", got " + number(v.value()));
      case MIN_ITEMS -> Problem.error(path, "must have at least " + bound + " items");
      case MAX_ITEMS -> Problem.error(path, "must have at most " + bound + " items");
      case MIN_PROPERTIES -> Problem.error(path, "must have at least " + bound + " entries, got " + v.value().size());
      case MAX_PROPERTIES -> Problem.error(path, "must have at most " + bound + " entries, got " + v.value().size());
      case REQUIRED -> Problem.error(path, "is required");
    };
  }

  private static String typeName(String type) {
    return switch (type) {
      case "integer,string" -> "an integer or a string";
      case "object" -> "an object";
      case "array" -> "a list";
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> type;
    };
  }

  private static String number(JsonNode value) {
    return value.isIntegralNumber() ? value.toString() : plain(value.asDouble());
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static String describeBare(JsonNode value) {
    return value.isString() ? "\"" + value.asString() + "\"" : value.toString();
  }

  private static String describe(JsonNode value) {
    if (value.isString()) {
      return "the string \"" + value.asString() + "\"";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.toString();
  }
}
