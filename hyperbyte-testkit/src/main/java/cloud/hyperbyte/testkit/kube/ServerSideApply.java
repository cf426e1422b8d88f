package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply with field ownership, as the real API server does it for what we send:
 * create when absent; otherwise merge the applied configuration into the live object, remove fields
 * the same manager applied before and no longer applies (unless another manager also owns them),
 * keep everything else, and refuse to change a field another manager owns unless forced.
 * Ownership is kept in {@code metadata.managedFields} ({@code FieldsV1}), like the real server.
 */
final class ServerSideApply {

  /**
   * One apply request.
   *
   * @param manager the {@code fieldManager} query parameter
   * @param force the {@code force} query parameter
   * @param subresource {@code "status"} for an apply to the status subresource, otherwise null
   * @param builtInKind whether the kind is built in (list types of its schema) or a custom resource
   * @param time the timestamp recorded when the manager's field set changes
   */
  record Request(String manager, boolean force, String subresource, boolean builtInKind, String time) {
    Request {
      Objects.requireNonNull(manager, "fieldManager is required for apply patch");
    }
  }

  /** The apply would change fields owned by other managers; the real server answers 409 Conflict. */
  static final class ConflictException extends Exception {
    ConflictException(String message) {
      super(message);
    }
  }

  private static final List<String> SERVER_OWNED_METADATA = List.of(
      "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "deletionTimestamp",
      "deletionGracePeriodSeconds", "selfLink");

  private ServerSideApply() {}

  /** The object to create for an apply to an absent object. */
  static ObjectNode create(ObjectNode applied, Request request) {
    ObjectNode object = withoutServerFields(applied);
    FieldSet fields = FieldSet.of(object, request.builtInKind());
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (!fields.isEmpty()) {
      entries.add(ManagedFieldsEntry.apply(request, object.path("apiVersion").asText(), fields));
    }
    ManagedFieldsEntry.write(object, entries);
    return object;
  }

  /** The live object after the apply; equal to {@code live} when the apply changes nothing. */
  static ObjectNode apply(ObjectNode live, ObjectNode applied, Request request) throws ConflictException {
    ObjectNode config = withoutServerFields(applied);
    FieldSet newFields = FieldSet.of(config, request.builtInKind());
    List<ManagedFieldsEntry> entries = ManagedFieldsEntry.read(live);
    ManagedFieldsEntry mine = entries.stream().filter(e -> e.isApplyOf(request)).findFirst().orElse(null);
    FieldSet oldFields = mine == null ? FieldSet.empty() : mine.fields();

    List<String> conflicts = new ArrayList<>();
    for (List<String> path : newFields.paths()) {
      JsonNode current = FieldSet.valueAt(live, path);
      if (current == null || current.equals(FieldSet.valueAt(config, path))) {
        continue; // same value: ownership becomes shared, as on a real server
      }
      for (ManagedFieldsEntry other : entries) {
        if (other != mine && other.fields().contains(path)) {
          if (request.force()) {
            other.fields().remove(path);
          } else {
            // upstream names the API version of Update managers only
            conflicts.add("conflict with \"" + other.manager() + "\""
                + (other.operation().equals("Update") ? " using " + other.apiVersion() : "") + ": " + dotted(path));
          }
        }
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ConflictException("Apply failed with " + conflicts.size() + " conflict"
          + (conflicts.size() == 1 ? "" : "s") + ": " + String.join(", ", conflicts));
    }

    ObjectNode result = (ObjectNode) ObjectMerge.apply(live, config, request.builtInKind());
    for (List<String> dropped : oldFields.paths()) {
      boolean stillApplied = newFields.ownsAnythingUnder(dropped) || hasPrefixIn(newFields, dropped);
      boolean ownedByOthers = entries.stream().anyMatch(e -> e != mine && e.fields().ownsAnythingUnder(dropped));
      if (!stillApplied && !ownedByOthers) {
        FieldSet.removeAt(result, dropped);
      }
    }

    List<ManagedFieldsEntry> updated = new ArrayList<>();
    boolean mineWritten = false;
    for (ManagedFieldsEntry entry : entries) {
      if (entry == mine) {
        mineWritten = true;
        if (!newFields.isEmpty()) {
          updated.add(oldFields.paths().equals(newFields.paths()) ? entry : entry.withFields(newFields, request.time()));
        }
      } else if (!entry.fields().isEmpty()) {
        updated.add(entry);
      }
    }
    if (!mineWritten && !newFields.isEmpty()) {
      updated.add(ManagedFieldsEntry.apply(request, config.path("apiVersion").asText(), newFields));
    }
    ManagedFieldsEntry.write(result, updated);
    return result;
  }

  /** Whether an ancestor of {@code path} is applied as a whole (an atomic value that replaced it). */
  private static boolean hasPrefixIn(FieldSet fields, List<String> path) {
    for (int i = 1; i < path.size(); i++) {
      if (path.get(i - 1).startsWith("f:") && fields.contains(path.subList(0, i))) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode withoutServerFields(ObjectNode applied) {
    ObjectNode copy = applied.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      SERVER_OWNED_METADATA.forEach(metadata::remove);
    }
    return copy;
  }

  private static String dotted(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String token : path) {
      sb.append(token.startsWith("f:") ? "." + token.substring(2) : "[" + token.substring(2) + "]");
    }
    return sb.toString();
  }

  /** One entry of {@code metadata.managedFields}. */
  record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time, String subresource,
      FieldSet fields) {

    static ManagedFieldsEntry apply(Request request, String apiVersion, FieldSet fields) {
      return new ManagedFieldsEntry(request.manager(), "Apply", apiVersion, request.time(), request.subresource(),
          fields);
    }

    boolean isApplyOf(Request request) {
      return manager.equals(request.manager()) && operation.equals("Apply")
          && Objects.equals(subresource, request.subresource());
    }

    ManagedFieldsEntry withFields(FieldSet newFields, String newTime) {
      return new ManagedFieldsEntry(manager, operation, apiVersion, newTime, subresource, newFields);
    }

    static List<ManagedFieldsEntry> read(JsonNode object) {
      List<ManagedFieldsEntry> entries = new ArrayList<>();
      for (JsonNode e : object.path("metadata").path("managedFields")) {
        String sub = e.path("subresource").asText("");
        entries.add(new ManagedFieldsEntry(e.path("manager").asText(""), e.path("operation").asText(""),
            e.path("apiVersion").asText(""), e.path("time").asText(null), sub.isEmpty() ? null : sub,
            FieldSet.fromFieldsV1(e.path("fieldsV1")).copy()));
      }
      return entries;
    }

    static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
      ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
      if (entries.isEmpty()) {
        metadata.remove("managedFields");
        return;
      }
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (ManagedFieldsEntry entry : entries) {
        ObjectNode e = array.addObject();
        e.put("apiVersion", entry.apiVersion());
        e.put("fieldsType", "FieldsV1");
        e.set("fieldsV1", entry.fields().toFieldsV1());
        e.put("manager", entry.manager());
        e.put("operation", entry.operation());
        if (entry.subresource() != null) {
          e.put("subresource", entry.subresource());
        }
        if (entry.time() != null) {
          e.put("time", entry.time());
        }
      }
      metadata.set("managedFields", array);
    }
  }
}
