package cloud.hyperbyte.testkit.kube.admission.crd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Converts JSON as stored into the values CEL rules see: maps, lists, int64, double, string, bool, null. */
final class CelValues {

  private CelValues() {}

  /** The CEL value of {@code node}; null for a missing node. */
  static Object of(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    if (node.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        map.put(field.getKey(), of(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        list.add(of(item));
      }
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  /**
   * The root of a custom resource as rules see it: {@code apiVersion}, {@code kind} and only
   * {@code metadata.name} and {@code metadata.generateName} of the metadata.
   */
  @SuppressWarnings("unchecked")
  static Object root(JsonNode object) {
    Map<String, Object> root = (Map<String, Object>) of(object);
    Map<String, Object> metadata = new LinkedHashMap<>();
    JsonNode meta = object.path("metadata");
    for (String field : List.of("name", "generateName")) {
      if (meta.hasNonNull(field)) {
        metadata.put(field, meta.get(field).asText());
      }
    }
    root.put("metadata", metadata);
    return root;
  }
}
