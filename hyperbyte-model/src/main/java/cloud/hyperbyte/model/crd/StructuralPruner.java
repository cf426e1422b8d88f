package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.spec.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server does to a custom resource manifest before it validates and stores it, done to
 * a plain tree: the {@code status} it ignores on create is dropped, unknown fields are pruned
 * ({@link SchemaPruning}), nulls and absent fields take the schema's defaults
 * ({@link SchemaDefaulting}). Every pruned field is reported as a warning with its path, so that
 * {@code render} sees the object the operator will read back.
 */
public final class StructuralPruner {

  private StructuralPruner() {}

  /** A pruned document and the warnings about what was pruned. */
  public record Pruned(Map<String, Object> document, List<Problem> warnings) {}


  /** Prunes and defaults a whole custom resource {@code document} against its root schema as JSON. */
  @SuppressWarnings("unchecked")
  public static Pruned prune(Map<String, Object> document, JsonNode schema) {
    List<Problem> warnings = new ArrayList<>();
    ObjectNode tree = (ObjectNode) TreeNodes.node(document);
    if (tree.remove("status") != null) {
      warnings.add(Problem.warning("status", "is written by the operator; the API server ignores it in a manifest"));
    }
    for (String path : SchemaPruning.prune(tree, schema)) {
      warnings.add(unknown(path));
    }
    SchemaDefaulting.apply(tree, schema);
    return new Pruned((Map<String, Object>) TreeNodes.plain(tree), warnings);
  }

  /** The warning for a field the API server drops. */
  static Problem unknown(String path) {
    return Problem.warning(path, "unknown field; the API server drops it, so it has no effect (check its spelling)");
  }
}
