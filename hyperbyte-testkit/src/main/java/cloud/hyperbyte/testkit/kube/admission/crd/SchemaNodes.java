package cloud.hyperbyte.testkit.kube.admission.crd;

import tools.jackson.databind.JsonNode;

/**
 * Reading a structural schema (one {@code openAPIV3Schema} node as JSON) and building field paths
 * as Kubernetes' {@code field.Path} prints them ({@code spec.list[0].map[key]}).
 */
final class SchemaNodes {

  private SchemaNodes() {}

  static String type(JsonNode schema) {
    return schema.path("type").asText("");
  }

  static boolean intOrString(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  static boolean preservesUnknownFields(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  static boolean embeddedResource(JsonNode schema) {
    return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }

  /** The schema of property {@code name}, or null. */
  static JsonNode property(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").get(name);
    return property == null || property.isNull() ? null : property;
  }

  static boolean hasProperties(JsonNode schema) {
    return schema.path("properties").isObject();
  }

  /** The schema of a map's values ({@code additionalProperties} as a schema), or null. */
  static JsonNode additionalProperties(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  /** The schema of an array's items, or null. */
  static JsonNode items(JsonNode schema) {
    JsonNode items = schema.get("items");
    return items != null && items.isObject() ? items : null;
  }

  /** The child schema reached from {@code schema} by a field or map key, or null. */
  static JsonNode child(JsonNode schema, String name) {
    JsonNode property = property(schema, name);
    return property != null ? property : additionalProperties(schema);
  }

  static Long longOrNull(JsonNode schema, String keyword) {
    JsonNode value = schema.get(keyword);
    return value == null || !value.isNumber() ? null : value.asLong();
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
