package cloud.hyperbyte.testkit.kube.admission.crd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pruning as the API server does it before it stores a custom resource: fields the structural
 * schema does not declare are dropped, except under {@code x-kubernetes-preserve-unknown-fields}.
 * Each dropped field becomes the warning the server sends ({@code unknown field "spec.foo"}, the
 * default {@code fieldValidation=Warn}).
 */
final class UnknownFields {

  private static final Set<String> TYPE_AND_METADATA = Set.of("apiVersion", "kind", "metadata");

  private UnknownFields() {}

  /** Prunes {@code object} in place against the root schema; returns the warnings. */
  static List<String> prune(ObjectNode object, JsonNode rootSchema) {
    List<String> warnings = new ArrayList<>();
    pruneObject(object, rootSchema, "", true, warnings);
    return warnings;
  }

  private static void prune(JsonNode value, JsonNode schema, String path, List<String> warnings) {
    if (value instanceof ObjectNode object) {
      pruneObject(object, schema, path, SchemaNodes.embeddedResource(schema), warnings);
    } else if (value instanceof ArrayNode array && SchemaNodes.items(schema) != null) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), SchemaNodes.items(schema), SchemaNodes.index(path, i), warnings);
      }
    }
  }

  private static void pruneObject(ObjectNode object, JsonNode schema, String path, boolean resourceRoot,
      List<String> warnings) {
    JsonNode values = SchemaNodes.additionalProperties(schema);
    boolean keepUnknown = SchemaNodes.preservesUnknownFields(schema) || values != null;
    Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (resourceRoot && TYPE_AND_METADATA.contains(name)) {
        continue;
      }
      JsonNode property = SchemaNodes.property(schema, name);
      if (property != null) {
        prune(field.getValue(), property, SchemaNodes.child(path, name), warnings);
      } else if (values != null) {
        prune(field.getValue(), values, SchemaNodes.key(path, name), warnings);
      } else if (!keepUnknown) {
        warnings.add("unknown field \"" + SchemaNodes.child(path, name) + "\"");
        fields.remove();
      }
    }
  }
}
