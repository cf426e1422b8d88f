package cloud.hyperbyte.reconcile.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fields the operator never applies and never compares, removed from every desired object before
 * hashing, comparison and apply. Sending a field through SSA makes the operator's field manager its
 * owner and, with force, takes it from whoever set it; leaving it out is how the operator avoids
 * fighting other controllers.
 *
 * <ul>
 *   <li>{@code status}: written by controllers through the status subresource.
 *   <li>Metadata the API server populates ({@code uid}, {@code resourceVersion}, {@code
 *       generation}, {@code creationTimestamp}, {@code managedFields} …): an apply that carries
 *       them is rejected or meaningless.
 *   <li>Per kind, fields another controller owns. By default {@code spec.replicas} of the
 *       HyperbytedbCluster: with autoscaling on, the HPA writes it through the scale subresource, and
 *       the operator follows it (render reads it into the StatefulSet) rather than resetting it.
 * </ul>
 */
public final class ForeignFields {

  private static final List<String> SERVER_METADATA =
      List.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "selfLink");

  private final Map<GroupKind, List<List<String>>> perKind;

  private ForeignFields(Map<GroupKind, List<List<String>>> perKind) {
    Map<GroupKind, List<List<String>>> copy = new LinkedHashMap<>();
    perKind.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.perKind = Map.copyOf(copy);
  }

  /** Status, server metadata, and the HyperbytedbCluster's HPA-owned {@code spec.replicas}. */
  public static ForeignFields defaults() {
    return none().with(GroupKind.HYPERBYTEDB_CLUSTER, "spec.replicas");
  }

  /** Only status and server metadata. */
  public static ForeignFields none() {
    return new ForeignFields(Map.of());
  }

  /** These fields plus {@code dottedPath} of {@code groupKind} (e.g. {@code spec.replicas}). */
  public ForeignFields with(GroupKind groupKind, String dottedPath) {
    Map<GroupKind, List<List<String>>> next = new LinkedHashMap<>(perKind);
    List<List<String>> paths = new ArrayList<>(next.getOrDefault(groupKind, List.of()));
    paths.add(List.of(dottedPath.split("\\.")));
    next.put(groupKind, paths);
    return new ForeignFields(next);
  }

  /** Removes every foreign field of {@code groupKind} from {@code tree}, in place. */
  void strip(GroupKind groupKind, ObjectNode tree) {
    tree.remove("status");
    if (tree.get("metadata") instanceof ObjectNode metadata) {
      SERVER_METADATA.forEach(metadata::remove);
    }
    for (List<String> path : perKind.getOrDefault(groupKind, List.of())) {
      remove(tree, path);
    }
  }

  private static void remove(ObjectNode tree, List<String> path) {
    JsonNode parent = tree;
    for (String segment : path.subList(0, path.size() - 1)) {
      parent = parent.path(segment);
    }
    if (parent instanceof ObjectNode object) {
      object.remove(path.get(path.size() - 1));
    }
  }
}
