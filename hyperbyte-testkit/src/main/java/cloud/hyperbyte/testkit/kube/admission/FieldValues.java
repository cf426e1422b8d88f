package cloud.hyperbyte.testkit.kube.admission;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Value comparison and value text for the built-in rules. Kubernetes compares decoded Go structs,
 * where an absent field, {@code null} and an empty list or map mostly decode alike; here those count
 * as equal too ({@link #same}). Values in messages are written as {@code field.Error} writes them
 * for scalars (strings quoted, numbers and booleans bare, {@code null}) and as JSON otherwise.
 */
final class FieldValues {

  private FieldValues() {}

  /** Whether {@code a} and {@code b} are equal once absent, null and empty values are treated alike. */
  static boolean same(JsonNode a, JsonNode b) {
    return normalized(a).equals(normalized(b));
  }

  /** A copy without null members and empty objects or lists (recursively); absent becomes null. */
  static JsonNode normalized(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = normalized(e.getValue());
        if (!value.isNull()) {
          copy.set(e.getKey(), value);
        }
      }
      return copy.isEmpty() ? JsonNodeFactory.instance.nullNode() : copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.iterator(); it.hasNext();) {
        copy.add(normalized(it.next()));
      }
      return copy.isEmpty() ? JsonNodeFactory.instance.nullNode() : copy;
    }
    return node;
  }

  /** The value as a {@code field.Error} message shows it, e.g. {@code "x"}, {@code 3}, {@code null}, {@code ["None"]}. */
  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isString()) {
      return "\"" + value.asString() + "\"";
    }
    return value.toString();
  }

  /** The node at a dotted path ({@code spec.selector}), or a missing node. */
  static JsonNode at(JsonNode root, String dotted) {
    JsonNode node = root;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  /** The immutable-field error as {@code ValidateImmutableField} reports it. */
  static FieldError immutable(String field, JsonNode newValue) {
    return FieldError.invalid(field, text(newValue) + ": field is immutable");
  }
}
