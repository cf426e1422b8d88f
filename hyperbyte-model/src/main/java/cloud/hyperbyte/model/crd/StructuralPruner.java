package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.spec.Problem;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does to a custom resource before it validates and stores it, done to a plain
 * tree: fields the structural schema does not declare are pruned (at any depth, including inside
 * embedded Kubernetes types such as {@code resources} or {@code tolerations}), as are
 * {@code metadata} fields {@code ObjectMeta} does not have and the {@code status} the server ignores
 * on create; a {@code null} where the schema is not nullable is dropped or, when the schema has a
 * default, replaced by it. Every pruned field is reported as a warning with its path.
 */
public final class StructuralPruner {

  /** What the server keeps of {@code metadata} on a create (ObjectMeta's fields). */
  static final Set<String> OBJECT_META_FIELDS = Set.of(
      "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
      "ownerReferences", "finalizers", "managedFields");

  private static final Set<String> TYPE_FIELDS = Set.of("apiVersion", "kind");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StructuralPruner() {}

  /** A pruned document and the warnings about what was pruned. */
  public record Pruned(Map<String, Object> document, List<Problem> warnings) {}

  /** Prunes and defaults a whole custom resource {@code document} against its CRD {@code schema}. */
  public static Pruned prune(Map<String, Object> document, JSONSchemaProps schema) {
    List<Problem> warnings = new ArrayList<>();
    Map<String, Object> pruned = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : document.entrySet()) {
      String key = field.getKey();
      if (TYPE_FIELDS.contains(key)) {
        pruned.put(key, field.getValue());
      } else if (key.equals("metadata")) {
        pruned.put(key, metadata(field.getValue(), warnings));
      } else if (key.equals("status")) {
        warnings.add(Problem.warning("status", "is written by the operator; the API server ignores it in a manifest"));
      } else if (schema.getProperties().containsKey(key)) {
        putPruned(pruned, key, field.getValue(), schema.getProperties().get(key), key, warnings);
      } else {
        warnings.add(unknown(key));
      }
    }
    return new Pruned(pruned, warnings);
  }

  private static Object metadata(Object value, List<Problem> warnings) {
    if (!(value instanceof Map<?, ?> meta)) {
      return value;
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    for (Map.Entry<?, ?> field : meta.entrySet()) {
      String key = String.valueOf(field.getKey());
      if (OBJECT_META_FIELDS.contains(key)) {
        kept.put(key, field.getValue());
      } else {
        warnings.add(unknown("metadata." + key));
      }
    }
    return kept;
  }

  /** Puts {@code value} pruned under {@code key}, or its default, or nothing for a dropped null. */
  private static void putPruned(
      Map<String, Object> target, String key, Object value, JSONSchemaProps schema, String path, List<Problem> warnings) {
    if (value == null && !Boolean.TRUE.equals(schema.getNullable())) {
      if (schema.getDefault() != null) {
        target.put(key, SERIALIZATION.convertValue(schema.getDefault(), Object.class));
      }
      return;
    }
    target.put(key, prune(value, schema, path, warnings));
  }

  private static Object prune(Object value, JSONSchemaProps schema, String path, List<Problem> warnings) {
    if (value instanceof Map<?, ?> object && "object".equals(schema.getType())) {
      return pruneObject(object, schema, path, warnings);
    }
    if (value instanceof List<?> items && "array".equals(schema.getType())) {
      JSONSchemaProps itemSchema = schema.getItems() == null ? null : schema.getItems().getSchema();
      if (itemSchema == null) {
        return value;
      }
      List<Object> pruned = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        pruned.add(prune(items.get(i), itemSchema, path + "[" + i + "]", warnings));
      }
      return pruned;
    }
    // scalars, and values of the wrong type, which the validator reports
    return value;
  }

  private static Map<String, Object> pruneObject(
      Map<?, ?> object, JSONSchemaProps schema, String path, List<Problem> warnings) {
    Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    JSONSchemaProps additional =
        schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
    boolean keepUnknown = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())
        || (properties.isEmpty() && additional == null);
    Map<String, Object> pruned = new LinkedHashMap<>();
    for (Map.Entry<?, ?> field : object.entrySet()) {
      String key = String.valueOf(field.getKey());
      JSONSchemaProps property = properties.get(key);
      if (property != null) {
        putPruned(pruned, key, field.getValue(), property, path + "." + key, warnings);
      } else if (additional != null) {
        pruned.put(key, prune(field.getValue(), additional, path + "[" + key + "]", warnings));
      } else if (keepUnknown) {
        pruned.put(key, field.getValue());
      } else {
        warnings.add(unknown(path + "." + key));
      }
    }
    return pruned;
  }

  private static Problem unknown(String path) {
    return Problem.warning(path, "unknown field; the API server drops it, so it has no effect (check its spelling)");
  }
}
