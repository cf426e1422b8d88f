package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.model.crd.SchemaNodes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A rule's {@code fieldPath} ({@code .spec.port}, {@code .labels['a.b/c']}) resolved against the
 * schema the rule sits on, as apiextensions-apiserver's {@code ValidFieldPath} does: only field and
 * map-key steps, each naming a declared property or a key of a map.
 */
final class RuleFieldPaths {

  private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]");

  private RuleFieldPaths() {}

  /** The path suffix ({@code port}, {@code labels[a.b/c]}) or an error text. */
  static Resolved resolve(String fieldPath, JsonNode schema) {
    Matcher matcher = STEP.matcher(fieldPath);
    StringBuilder path = new StringBuilder();
    JsonNode current = schema;
    int at = 0;
    while (at < fieldPath.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        return Resolved.error("expected [ or . but got: " + fieldPath.substring(at));
      }
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2).replaceAll("\\\\(.)", "$1");
      JsonNode property = SchemaNodes.property(current, name);
      if (property != null) {
        path.append(path.length() == 0 ? "" : ".").append(name);
        current = property;
      } else if (!SchemaNodes.hasProperties(current) && SchemaNodes.additionalProperties(current) != null) {
        path.append("[").append(name).append("]");
        current = SchemaNodes.additionalProperties(current);
      } else {
        return Resolved.error("does not refer to a valid field");
      }
      at = matcher.end();
    }
    return new Resolved(Optional.of(path.toString()), null);
  }

  /** Appends a resolved suffix to a field path. */
  static String append(String path, String suffix) {
    if (suffix.isEmpty()) {
      return path;
    }
    return suffix.startsWith("[") || path.isEmpty() ? path + suffix : path + "." + suffix;
  }

  /** A resolved suffix or the reason it is invalid. */
  record Resolved(Optional<String> suffix, String error) {
    static Resolved error(String error) {
      return new Resolved(Optional.empty(), error);
    }
  }
}
