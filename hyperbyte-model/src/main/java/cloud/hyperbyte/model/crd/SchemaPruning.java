package cloud.hyperbyte.model.crd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pruning as the API server does it before it stores a custom resource: fields the structural schema
 * does not declare are dropped at any depth, except under {@code x-kubernetes-preserve-unknown-fields};
 * at the resource root {@code apiVersion} and {@code kind} are kept and {@code metadata} keeps the
 * fields {@code ObjectMeta} has; an embedded resource keeps its own {@code apiVersion}, {@code kind}
 * and {@code metadata}. Nulls and defaults are {@link SchemaDefaulting}'s.
 */
public final class SchemaPruning {

  /** What the server keeps of a resource's {@code metadata} (ObjectMeta's fields). */
  static final Set<String> OBJECT_META_FIELDS = Set.of(
      "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
      "ownerReferences", "finalizers", "managedFields");

  private static final Set<String> TYPE_AND_METADATA = Set.of("apiVersion", "kind", "metadata");

  private SchemaPruning() {}

  /** Prunes the whole resource {@code resource} in place against its root schema; the pruned fields' paths. */
  public static List<String> prune(ObjectNode resource, JsonNode rootSchema) {
    List<String> pruned = new ArrayList<>();
    if (resource.get("metadata") instanceof ObjectNode metadata) {
      pruneMetadata(metadata, pruned);
    }
    pruneObject(resource, rootSchema, "", true, pruned);
    return pruned;
  }

  private static void pruneMetadata(ObjectNode metadata, List<String> pruned) {
    List<String> unknown = metadata.propertyNames().stream().filter(name -> !OBJECT_META_FIELDS.contains(name)).toList();
    for (String name : unknown) {
      pruned.add("metadata." + name);
      metadata.remove(name);
    }
  }

  private static void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
    if (value instanceof ObjectNode object) {
      pruneObject(object, schema, path, SchemaNodes.embeddedResource(schema), pruned);
    } else if (value instanceof ArrayNode array && SchemaNodes.items(schema) != null) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), SchemaNodes.items(schema), SchemaNodes.index(path, i), pruned);
      }
    }
  }

  private static void pruneObject(ObjectNode object, JsonNode schema, String path, boolean resourceRoot,
      List<String> pruned) {
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
        prune(field.getValue(), property, SchemaNodes.child(path, name), pruned);
      } else if (values != null) {
        prune(field.getValue(), values, SchemaNodes.key(path, name), pruned);
      } else if (!keepUnknown) {
        pruned.add(SchemaNodes.child(path, name));
        fields.remove();
      }
    }
  }
}
