package cloud.hyperbyte.model.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaulting as the API server does it for custom resources, on create and on update: a property
 * that is absent (or null where the schema is not nullable) gets the schema's {@code default}, in
 * every object present, including objects a default has just added; a null without a default where
 * the schema is not nullable is removed.
 */
public final class SchemaDefaulting {

  private SchemaDefaulting() {}

  /** Applies the defaults of {@code schema} to {@code value} in place. */
  public static void apply(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode object) {
      applyToObject(object, schema);
    } else if (value instanceof ArrayNode array && SchemaNodes.items(schema) != null) {
      for (JsonNode item : array) {
        apply(item, SchemaNodes.items(schema));
      }
    }
  }

  private static void applyToObject(ObjectNode object, JsonNode schema) {
    JsonNode properties = schema.path("properties");
    if (properties.isObject()) {
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        JsonNode declared = property.getValue().get("default");
        JsonNode present = object.get(property.getKey());
        boolean missing = present == null || present.isNull() && !SchemaNodes.nullable(property.getValue());
        if (declared != null && missing) {
          object.set(property.getKey(), declared.deepCopy());
        } else if (declared == null && present != null && present.isNull()
            && !SchemaNodes.nullable(property.getValue())) {
          // PruneNonNullableNullsWithoutDefaults: the server drops such nulls before it defaults
          object.remove(property.getKey());
        }
      }
    }
    JsonNode values = SchemaNodes.additionalProperties(schema);
    List<String> names = new ArrayList<>(object.propertyNames());
    for (String name : names) {
      JsonNode child = SchemaNodes.property(schema, name);
      if (child == null) {
        child = values;
      }
      if (child != null) {
        apply(object.get(name), child);
      }
    }
  }
}
