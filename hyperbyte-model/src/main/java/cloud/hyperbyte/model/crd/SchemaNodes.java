package cloud.hyperbyte.model.crd;

import tools.jackson.databind.JsonNode;

/**
 * Reading a structural schema (one {@code openAPIV3Schema} node as JSON) and building field paths
 * as Kubernetes' {@code field.Path} prints them ({@code spec.list[0].map[key]}). Shared by the
 * up-front checks here and the testkit's simulated API server, so both walk a schema alike.
 */
public final class SchemaNodes {

  private SchemaNodes() {}

  /** The schema's {@code type}, or empty when it has none. */
  public static String type(JsonNode schema) {
    return schema.path("type").asText("");
  }

  /** Whether the schema is {@code x-kubernetes-int-or-string}. */
  public static boolean intOrString(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  /** Whether the schema keeps fields it does not declare. */
  public static boolean preservesUnknownFields(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  /** Whether the schema is an embedded resource (its own apiVersion, kind and metadata). */
  public static boolean embeddedResource(JsonNode schema) {
    return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  /** Whether the schema admits {@code null}. */
  public static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }

  /** The schema of property {@code name}, or null. */
  public static JsonNode property(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").get(name);
    return property == null || property.isNull() ? null : property;
  }

  /** Whether the schema declares properties. */
  public static boolean hasProperties(JsonNode schema) {
    return schema.path("properties").isObject();
  }

  /** The schema of a map's values ({@code additionalProperties} as a schema), or null. */
  public static JsonNode additionalProperties(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  /** The schema of an array's items, or null. */
  public static JsonNode items(JsonNode schema) {
    JsonNode items = schema.get("items");
    return items != null && items.isObject() ? items : null;
  }

  /** The child schema reached from {@code schema} by a field or map key, or null. */
  public static JsonNode child(JsonNode schema, String name) {
    JsonNode property = property(schema, name);
    return property != null ? property : additionalProperties(schema);
  }

  /** A numeric keyword such as {@code maxLength}, or null when absent. */
  public static Long longOrNull(JsonNode schema, String keyword) {
    JsonNode value = schema.get(keyword);
    return value == null || !value.isNumber() ? null : value.asLong();
  }

  /** The path of field {@code name} under {@code path}. */
  public static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The path of item {@code index} of the list at {@code path}. */
  public static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  /** The path of map entry {@code key} of the map at {@code path}. */
  public static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
