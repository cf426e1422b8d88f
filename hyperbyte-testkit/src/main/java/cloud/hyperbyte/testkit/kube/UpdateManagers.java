package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.testkit.kube.ServerSideApply.ManagedFieldsEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field ownership of writes that are not applies (create, update, merge/JSON/strategic patch), as
 * the API server's field manager records it: the writer gets an {@code operation: Update} entry in
 * {@code managedFields} (one per manager, API version and subresource) owning the fields it set or
 * changed, and every other manager loses those fields, appliers included — which is how a later
 * apply of the same fields conflicts with a {@code kubectl edit} or an HPA. Fields the write removed
 * are owned by nobody afterwards. A write that changes nothing leaves {@code managedFields} alone.
 *
 * <p>The manager is the {@code fieldManager} query parameter or else the user agent up to its first
 * {@code /} (e.g. {@code kubectl-edit}, {@code fabric8-kubernetes-client}), as upstream's
 * {@code prefixFromUserAgent}. Upstream source: {@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager}
 * and {@code k8s.io/apimachinery/pkg/util/managedfields/internal/updatemanager.go} (behaviour, not code).
 */
final class UpdateManagers {

  private static final List<String> SERVER_METADATA = List.of("resourceVersion", "uid", "creationTimestamp",
      "generation", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink");

  private UpdateManagers() {}

  /** The manager name of a request: {@code fieldManager}, else the user agent's product token. */
  static String managerOf(String fieldManagerParameter, String userAgent) {
    if (fieldManagerParameter != null && !fieldManagerParameter.isEmpty()) {
      return fieldManagerParameter;
    }
    if (userAgent == null || userAgent.isEmpty()) {
      return "unknown";
    }
    int slash = userAgent.indexOf('/');
    return slash < 0 ? userAgent : userAgent.substring(0, slash);
  }

  /**
   * Records {@code manager}'s write of {@code updated} over {@code old} (null for a create) in
   * {@code updated}'s managedFields, starting from the entries {@code old} carries.
   *
   * @param statusOnly whether the write went to the status subresource
   * @param statusSeparate whether the kind's status is a subresource (then a main write owns no status)
   */
  static void record(JsonNode old, ObjectNode updated, String manager, boolean statusOnly, boolean statusSeparate,
      boolean builtInKind, String time) {
    FieldSet after = fieldsOf(updated, statusOnly, statusSeparate, builtInKind);
    FieldSet before = old == null ? FieldSet.empty() : fieldsOf(old, statusOnly, statusSeparate, builtInKind);
    List<List<String>> changed = new ArrayList<>();
    for (List<String> path : after.paths()) {
      if (old == null || !Objects.equals(FieldSet.valueAt(old, path), FieldSet.valueAt(updated, path))) {
        changed.add(path);
      }
    }
    List<List<String>> removed = before.paths().stream().filter(p -> !after.contains(p)).toList();
    List<ManagedFieldsEntry> entries = old == null ? new ArrayList<>() : ManagedFieldsEntry.read(old);
    if (changed.isEmpty() && removed.isEmpty()) {
      ManagedFieldsEntry.write(updated, entries);
      return;
    }
    String subresource = statusOnly ? "status" : null;
    String apiVersion = updated.path("apiVersion").asString("");
    List<ManagedFieldsEntry> result = new ArrayList<>();
    FieldSet mine = FieldSet.empty();
    String mineTime = time;
    int minePosition = -1;
    for (ManagedFieldsEntry entry : entries) {
      boolean isMine = entry.manager().equals(manager) && entry.operation().equals("Update")
          && entry.apiVersion().equals(apiVersion) && Objects.equals(entry.subresource(), subresource);
      if (isMine) {
        entry.fields().paths().forEach(p -> mine.add(p));
        minePosition = result.size();
        continue;
      }
      changed.forEach(entry.fields()::remove);
      removed.forEach(entry.fields()::remove);
      if (!entry.fields().isEmpty()) {
        result.add(entry);
      }
    }
    changed.forEach(mine::add);
    removed.forEach(mine::remove);
    if (!mine.isEmpty()) {
      ManagedFieldsEntry entry = new ManagedFieldsEntry(manager, "Update", apiVersion, mineTime, subresource, mine);
      result.add(minePosition < 0 ? result.size() : minePosition, entry);
    }
    ManagedFieldsEntry.write(updated, result);
  }

  private static FieldSet fieldsOf(JsonNode object, boolean statusOnly, boolean statusSeparate, boolean builtInKind) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      SERVER_METADATA.forEach(metadata::remove);
    }
    if (statusOnly) {
      copy.retain("status");
    } else if (statusSeparate) {
      copy.remove("status");
    }
    return FieldSet.of(copy, builtInKind);
  }
}
