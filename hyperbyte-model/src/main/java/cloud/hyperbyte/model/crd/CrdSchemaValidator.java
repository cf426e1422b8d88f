package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.spec.Problem;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a manifest, as a plain tree of maps, lists and scalars, against a CRD's structural schema
 * the way the API server does before it stores an object: unknown fields are reported as warnings
 * (the server prunes them, see {@link StructuralPruner}); wrong types, integers wider than their
 * format ({@code int32}, int-or-string) or than 64 bits, values outside an enum, below a minimum,
 * above a maximum, not matching a pattern, longer or larger (maxLength, maxItems, maxProperties)
 * than allowed, and missing required fields are errors. CEL rules are not evaluated
 * here; {@link cloud.hyperbyte.model.spec.ClusterSpecFactory} checks the same cross-field rules.
 */
public final class CrdSchemaValidator {

  private static final Set<String> OBJECT_META_ROOT = Set.of("apiVersion", "kind", "metadata");

  private CrdSchemaValidator() {}

  /** Every problem of {@code document} (a whole custom resource) against {@code schema}. */
  public static List<Problem> validate(Map<String, Object> document, JSONSchemaProps schema) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Object> field : document.entrySet()) {
      if (OBJECT_META_ROOT.contains(field.getKey())) {
        continue;
      }
      JSONSchemaProps property = schema.getProperties().get(field.getKey());
      if (property == null) {
        problems.add(unknown(field.getKey()));
      } else {
        check(field.getValue(), property, field.getKey(), problems);
      }
    }
    return problems;
  }

  private static void check(Object value, JSONSchemaProps schema, String path, List<Problem> out) {
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.getNullable())) {
        out.add(Problem.error(path, "must not be null; remove the field to use its default"));
      }
      return;
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!(value instanceof String) && !isInteger(value)) {
        out.add(Problem.error(path, "must be an integer or a string, got " + describe(value)));
      } else if (isInteger(value)) {
        fitsWidth(value, true, path, out);
      }
      checkString(value, schema, path, out);
      return;
    }
    String type = schema.getType();
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> checkObject(value, schema, path, out);
      case "array" -> checkArray(value, schema, path, out);
      case "string" -> {
        if (!(value instanceof String)) {
          out.add(Problem.error(path, "must be a string, got " + describe(value)));
        } else {
          checkString(value, schema, path, out);
        }
      }
      case "integer" -> {
        if (!isInteger(value)) {
          out.add(Problem.error(path, "must be an integer, got " + describe(value)));
        } else if (fitsWidth(value, "int32".equals(schema.getFormat()), path, out)) {
          checkNumber(((Number) value).doubleValue(), schema, path, out);
        }
      }
      case "number" -> {
        if (!(value instanceof Number)) {
          out.add(Problem.error(path, "must be a number, got " + describe(value)));
        } else {
          checkNumber(((Number) value).doubleValue(), schema, path, out);
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          out.add(Problem.error(path, "must be true or false, got " + describe(value)));
        }
      }
      default -> {
        // no other structural types exist
      }
    }
    checkEnum(value, schema, path, out);
  }

  @SuppressWarnings("unchecked")
  private static void checkObject(Object value, JSONSchemaProps schema, String path, List<Problem> out) {
    if (!(value instanceof Map)) {
      out.add(Problem.error(path, "must be an object, got " + describe(value)));
      return;
    }
    Map<String, Object> object = (Map<String, Object>) value;
    if (schema.getMaxProperties() != null && object.size() > schema.getMaxProperties()) {
      out.add(Problem.error(path, "must have at most " + schema.getMaxProperties() + " entries, got " + object.size()));
    }
    if (schema.getRequired() != null) {
      for (String required : schema.getRequired()) {
        if (!object.containsKey(required)) {
          out.add(Problem.error(path + "." + required, "is required"));
        }
      }
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    boolean hasProperties = properties != null && !properties.isEmpty();
    JSONSchemaProps additional =
        schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
    boolean preserve = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
    for (Map.Entry<String, Object> field : object.entrySet()) {
      String fieldPath = path + "." + field.getKey();
      JSONSchemaProps property = hasProperties ? properties.get(field.getKey()) : null;
      if (property != null) {
        check(field.getValue(), property, fieldPath, out);
      } else if (additional != null) {
        check(field.getValue(), additional, path + "[" + field.getKey() + "]", out);
      } else if (hasProperties && !preserve) {
        out.add(unknown(fieldPath));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkArray(Object value, JSONSchemaProps schema, String path, List<Problem> out) {
    if (!(value instanceof List)) {
      out.add(Problem.error(path, "must be a list, got " + describe(value)));
      return;
    }
    List<Object> items = (List<Object>) value;
    if (schema.getMaxItems() != null && items.size() > schema.getMaxItems()) {
      out.add(Problem.error(path, "must have at most " + schema.getMaxItems() + " items"));
    }
    if (schema.getMinItems() != null && items.size() < schema.getMinItems()) {
      out.add(Problem.error(path, "must have at least " + schema.getMinItems() + " items"));
    }
    JSONSchemaProps itemSchema = schema.getItems() == null ? null : schema.getItems().getSchema();
    if (itemSchema != null) {
      for (int i = 0; i < items.size(); i++) {
        check(items.get(i), itemSchema, path + "[" + i + "]", out);
      }
    }
  }

  private static void checkString(Object value, JSONSchemaProps schema, String path, List<Problem> out) {
    if (!(value instanceof String text)) {
      return;
    }
    if (schema.getMinLength() != null && text.length() < schema.getMinLength()) {
      out.add(Problem.error(path, "must be at least " + schema.getMinLength() + " characters long"));
    }
    if (schema.getMaxLength() != null && text.length() > schema.getMaxLength()) {
      out.add(Problem.error(path, "must be at most " + schema.getMaxLength() + " characters long"));
    }
    if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
      out.add(Problem.error(path, "\"" + text + "\" does not match the pattern " + schema.getPattern()));
    }
  }

  private static void checkNumber(double number, JSONSchemaProps schema, String path, List<Problem> out) {
    if (schema.getMinimum() != null && number < schema.getMinimum()) {
      out.add(Problem.error(path, "must be at least " + plain(schema.getMinimum()) + ", got " + plain(number)));
    }
    if (schema.getMaximum() != null && number > schema.getMaximum()) {
      out.add(Problem.error(path, "must be at most " + plain(schema.getMaximum()) + ", got " + plain(number)));
    }
  }

  /** Whether an integer fits 32 bits (format int32, int-or-string) or Kubernetes' int64. */
  private static boolean fitsWidth(Object value, boolean int32, String path, List<Problem> out) {
    BigInteger number = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
    BigInteger min = int32 ? BigInteger.valueOf(Integer.MIN_VALUE) : BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger max = int32 ? BigInteger.valueOf(Integer.MAX_VALUE) : BigInteger.valueOf(Long.MAX_VALUE);
    if (number.compareTo(min) >= 0 && number.compareTo(max) <= 0) {
      return true;
    }
    out.add(Problem.error(path, number + " is out of range: it must be a " + (int32 ? "32" : "64")
        + "-bit integer, " + min + " to " + max));
    return false;
  }

  private static void checkEnum(Object value, JSONSchemaProps schema, String path, List<Problem> out) {
    List<JsonNode> allowed = schema.getEnum();
    if (allowed == null || allowed.isEmpty()) {
      return;
    }
    List<String> names = allowed.stream().map(JsonNode::asString).toList();
    if (!names.contains(String.valueOf(value))) {
      out.add(Problem.error(path, "\"" + value + "\" is not one of " + String.join(", ", names)));
    }
  }

  private static Problem unknown(String path) {
    return Problem.warning(path, "unknown field; the API server drops it, so it has no effect (check its spelling)");
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
        || value instanceof Short;
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return String.valueOf(value);
  }
}
