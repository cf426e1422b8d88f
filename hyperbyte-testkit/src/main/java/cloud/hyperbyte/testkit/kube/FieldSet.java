package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a manager owns, as paths in the API server's {@code FieldsV1} notation: {@code f:<field>},
 * {@code k:<key json>} for a list-map element, {@code v:<value json>} for a set element. A path ending
 * in an element token owns the element itself (encoded as {@code ".": {}}).
 */
final class FieldSet {

  private static final Set<List<String>> IDENTITY = Set.of(
      List.of("f:apiVersion"), List.of("f:kind"),
      List.of("f:metadata", "f:name"), List.of("f:metadata", "f:namespace"));

  private final Set<List<String>> paths;

  private FieldSet(Set<List<String>> paths) {
    this.paths = paths;
  }

  static FieldSet empty() {
    return new FieldSet(new LinkedHashSet<>());
  }

  /** Every leaf (and list element) set in {@code object}, without the object's identity fields. */
  static FieldSet of(JsonNode object, boolean builtInKind) {
    FieldSet set = empty();
    set.walk(object, new ArrayList<>(), new ArrayList<>(), builtInKind);
    set.paths.removeAll(IDENTITY);
    set.paths.removeIf(p -> p.size() == 1 && p.get(0).equals("f:metadata"));
    return set;
  }

  private void walk(JsonNode node, List<String> path, List<String> names, boolean builtIn) {
    if (node.isObject() && !node.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        path.add("f:" + e.getKey());
        names.add(e.getKey());
        walk(e.getValue(), path, names, builtIn);
        path.remove(path.size() - 1);
        names.remove(names.size() - 1);
      }
    } else if (node.isArray() && !names.isEmpty()) {
      ListType type = ListTypes.at(builtIn, names);
      switch (type.kind()) {
        case MAP -> {
          for (JsonNode element : node) {
            path.add("k:" + type.keyOf(element));
            paths.add(List.copyOf(path));
            walk(element, path, names, builtIn);
            path.remove(path.size() - 1);
          }
        }
        case SET -> {
          for (JsonNode element : node) {
            path.add("v:" + element);
            paths.add(List.copyOf(path));
            path.remove(path.size() - 1);
          }
        }
        case ATOMIC -> paths.add(List.copyOf(path));
      }
    } else if (!path.isEmpty()) {
      paths.add(List.copyOf(path));
    }
  }

  Set<List<String>> paths() {
    return Collections.unmodifiableSet(paths);
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  boolean contains(List<String> path) {
    return paths.contains(path);
  }

  /** Whether this set owns {@code prefix} or anything below it. */
  boolean ownsAnythingUnder(List<String> prefix) {
    return paths.stream().anyMatch(p -> p.size() >= prefix.size() && p.subList(0, prefix.size()).equals(prefix));
  }

  void add(List<String> path) {
    paths.add(List.copyOf(path));
  }

  boolean remove(List<String> path) {
    return paths.remove(path);
  }

  FieldSet copy() {
    return new FieldSet(new LinkedHashSet<>(paths));
  }

  /** Encodes as {@code fieldsV1}: nested objects, leaves as {@code {}}, owned elements with {@code ".": {}}. */
  ObjectNode toFieldsV1() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (List<String> path : paths) {
      ObjectNode node = root;
      for (String token : path) {
        node = node.has(token) ? (ObjectNode) node.get(token) : node.putObject(token);
      }
      if (path.get(path.size() - 1).startsWith("k:")) {
        node.putObject(".");
      }
    }
    return root;
  }

  static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    FieldSet set = empty();
    set.decode(fieldsV1, new ArrayList<>());
    return set;
  }

  private void decode(JsonNode node, List<String> path) {
    if (node.isEmpty() && !path.isEmpty()) {
      paths.add(List.copyOf(path));
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals(".")) {
        paths.add(List.copyOf(path));
        continue;
      }
      path.add(e.getKey());
      decode(e.getValue(), path);
      path.remove(path.size() - 1);
    }
  }

  /** The value at {@code path} in {@code root}, or null when absent. */
  static JsonNode valueAt(JsonNode root, List<String> path) {
    JsonNode node = root;
    for (String token : path) {
      node = step(node, token);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** Removes the field or element at {@code path} from {@code root}; absent paths are ignored. */
  static void removeAt(JsonNode root, List<String> path) {
    JsonNode parent = valueAt(root, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && last.startsWith("f:")) {
      object.remove(last.substring(2));
    } else if (parent instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (matches(array.get(i), last)) {
          array.remove(i);
          return;
        }
      }
    }
  }

  private static JsonNode step(JsonNode node, String token) {
    if (token.startsWith("f:")) {
      return node.isObject() ? node.get(token.substring(2)) : null;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (matches(element, token)) {
          return element;
        }
      }
    }
    return null;
  }

  private static boolean matches(JsonNode element, String token) {
    if (token.startsWith("v:")) {
      return token.equals("v:" + element);
    }
    if (token.startsWith("k:") && element.isObject()) {
      JsonNode key = Json.parse(token.substring(2));
      for (Map.Entry<String, JsonNode> e : key.properties()) {
        JsonNode v = element.get(e.getKey());
        boolean defaulted = (v == null || v.isNull()) && e.getKey().equals("protocol") && e.getValue().asText().equals("TCP");
        if (!defaulted && !e.getValue().equals(v)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
