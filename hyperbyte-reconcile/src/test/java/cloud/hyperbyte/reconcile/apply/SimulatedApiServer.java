package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API server in memory, good enough to check plans end to end: server-side apply merges the
 * applied object into the live one (applied fields overwrite; fields this manager applied last time
 * and no longer sends are removed; keyed lists merge by key, atomic lists are replaced), then the
 * server's defaults and status are filled in. Deletes honour the UID precondition. Other writers
 * (controllers, kubectl) change objects through {@link #edit}. Every request is recorded.
 */
final class SimulatedApiServer implements ObjectWriter {

  private static final JsonMapper MAPPER = JsonMapper.builderWithJackson2Defaults().build();

  private final Map<ObjectRef.Identity, Stored> objects = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private int created;
  private int resourceVersion = 1000;

  private static final class Stored {
    final Class<? extends HasMetadata> type;
    final ObjectNode tree;
    ObjectNode lastApplied;
    HasMetadata typed;

    HasMetadata typed() {
      if (typed == null) {
        typed = MAPPER.treeToValue(tree, type);
      }
      return typed;
    }

    Stored(Class<? extends HasMetadata> type, ObjectNode tree) {
      this.type = type;
      this.tree = tree;
    }
  }

  @Override
  public void apply(HasMetadata object, String fieldManager) {
    ObjectRef ref = ObjectRef.of(object);
    requests.add("apply " + ref + " as " + fieldManager);
    ObjectNode applied = MAPPER.valueToTree(object);
    Stored stored = objects.get(ref.identity());
    if (stored == null) {
      stored = new Stored(object.getClass(), applied.deepCopy());
      ObjectNode metadata = stored.tree.withObjectProperty("metadata");
      metadata.put("uid", String.format("00000000-0000-4000-8000-%012d", ++created));
      metadata.put("creationTimestamp", "2026-11-24T00:00:00Z");
      metadata.put("generation", 1);
      objects.put(ref.identity(), stored);
    } else {
      merge(stored.tree, applied, stored.lastApplied);
    }
    stored.lastApplied = applied;
    stored.typed = null;
    stored.tree.withObjectProperty("metadata")
        .put("resourceVersion", Integer.toString(++resourceVersion))
        .putArray("managedFields").addObject().put("manager", fieldManager).put("operation", "Apply");
    ServerDefaults.fill(ref.groupKind(), stored.tree, created);
  }

  @Override
  public void delete(ObjectRef ref, String uid) {
    requests.add("delete " + ref);
    Stored stored = objects.get(ref.identity());
    if (stored != null && stored.tree.path("metadata").path("uid").asString().equals(uid)) {
      objects.remove(ref.identity());
    }
  }

  /** An object created by someone else (a user, another operator), with server defaults. */
  void create(HasMetadata object) {
    ObjectRef ref = ObjectRef.of(object);
    Stored stored = new Stored(object.getClass(), MAPPER.valueToTree(object));
    ObjectNode metadata = stored.tree.withObjectProperty("metadata");
    metadata.put("uid", String.format("00000000-0000-4000-9000-%012d", ++created));
    metadata.put("resourceVersion", Integer.toString(++resourceVersion));
    ServerDefaults.fill(ref.groupKind(), stored.tree, created);
    objects.put(ref.identity(), stored);
  }

  /** A change by another writer: a controller, kubectl, a user. Not recorded as a request. */
  void edit(GroupKind groupKind, String name, Consumer<ObjectNode> change) {
    Stored stored =
        objects.entrySet().stream()
            .filter(e -> e.getKey().groupKind().equals(groupKind) && e.getKey().name().equals(name))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no " + groupKind + " " + name));
    change.accept(stored.tree);
    stored.tree.withObjectProperty("metadata").put("resourceVersion", Integer.toString(++resourceVersion));
    stored.typed = null;
  }

  /** {@link #edit} on every object. */
  void editAll(Consumer<ObjectNode> change) {
    objects.values().forEach(s -> {
      change.accept(s.tree);
      s.typed = null;
    });
  }

  /** The live objects, typed, as an informer would hand them out (shared: do not modify). */
  List<HasMetadata> live() {
    return objects.values().stream().map(Stored::typed).toList();
  }

  /** The live tree of an object, if present (a copy). */
  Optional<ObjectNode> tree(GroupKind groupKind, String name) {
    return objects.entrySet().stream()
        .filter(e -> e.getKey().groupKind().equals(groupKind) && e.getKey().name().equals(name))
        .map(e -> e.getValue().tree.deepCopy())
        .findFirst();
  }

  /** Requests received so far, in order ({@code apply Kind ns/name as manager}, {@code delete Kind ns/name}). */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void clearRequests() {
    requests.clear();
  }

  private static void merge(ObjectNode live, ObjectNode applied, ObjectNode previous) {
    if (previous != null) {
      for (String field : List.copyOf(previous.propertyNames())) {
        if (!applied.has(field)) {
          live.remove(field);
        }
      }
    }
    for (Map.Entry<String, JsonNode> entry : applied.properties()) {
      String field = entry.getKey();
      JsonNode value = entry.getValue();
      JsonNode current = live.get(field);
      JsonNode before = previous == null ? null : previous.get(field);
      Optional<ListElementKey> key = value.isArray() ? ListElementKey.of(field, value) : Optional.empty();
      if (value.isObject() && current instanceof ObjectNode currentObject) {
        merge(currentObject, (ObjectNode) value, before instanceof ObjectNode b ? b : null);
      } else if (key.isPresent() && current instanceof ArrayNode currentList) {
        mergeKeyed(currentList, (ArrayNode) value, before instanceof ArrayNode b ? b : null, key.get());
      } else {
        live.set(field, value.deepCopy());
      }
    }
  }

  private static void mergeKeyed(ArrayNode live, ArrayNode applied, ArrayNode previous, ListElementKey key) {
    if (previous != null) {
      for (JsonNode dropped : previous.values()) {
        if (find(applied, key, dropped) == null) {
          removeByKey(live, key, dropped);
        }
      }
    }
    for (JsonNode element : applied.values()) {
      JsonNode current = find(live, key, element);
      JsonNode before = previous == null ? null : find(previous, key, element);
      if (current instanceof ObjectNode currentObject) {
        merge(currentObject, (ObjectNode) element, before instanceof ObjectNode b ? b : null);
      } else {
        live.add(element.deepCopy());
      }
    }
  }

  private static JsonNode find(ArrayNode list, ListElementKey key, JsonNode element) {
    for (JsonNode candidate : list.values()) {
      if (candidate.isObject() && key.valueOf(candidate).equals(key.valueOf(element))) {
        return candidate;
      }
    }
    return null;
  }

  private static void removeByKey(ArrayNode list, ListElementKey key, JsonNode element) {
    Iterator<JsonNode> it = list.values().iterator();
    for (int i = 0; it.hasNext(); i++) {
      if (key.valueOf(it.next()).equals(key.valueOf(element))) {
        list.remove(i);
        return;
      }
    }
  }
}
