package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three ways the API server merges a body into a live object: server-side apply's structural
 * merge, strategic merge patch and JSON merge patch (RFC 7386). All return new nodes and leave their
 * arguments untouched.
 */
final class ObjectMerge {

  /** A strategic merge patch directive this simulation does not implement. */
  static final class UnsupportedDirectiveException extends RuntimeException {
    UnsupportedDirectiveException(String directive) {
      super("strategic merge patch directive " + directive + " is not supported by the simulated API server");
    }
  }

  private ObjectMerge() {}

  /** Server-side apply: objects merge field by field, list-maps by key, sets by value, the rest is replaced. */
  static JsonNode apply(JsonNode live, JsonNode applied, boolean builtInKind) {
    return structural(live, applied, new ArrayList<>(), builtInKind, false);
  }

  /** Strategic merge patch: like apply, plus {@code null} deletes and {@code $patch: delete} on list-map elements. */
  static JsonNode strategic(JsonNode live, JsonNode patch) {
    return structural(live, patch, new ArrayList<>(), true, true);
  }

  /** RFC 7386 JSON merge patch: {@code null} deletes a key, arrays are replaced. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy()
        : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  private static JsonNode structural(JsonNode live, JsonNode patch, List<String> names, boolean builtIn,
      boolean strategic) {
    if (patch.isObject() && live != null && live.isObject()) {
      ObjectNode result = (ObjectNode) live.deepCopy();
      for (Map.Entry<String, JsonNode> e : patch.properties()) {
        String field = e.getKey();
        if (strategic && field.startsWith("$")) {
          throw new UnsupportedDirectiveException(field);
        }
        if (strategic && e.getValue().isNull()) {
          result.remove(field);
          continue;
        }
        names.add(field);
        result.set(field, structural(live.get(field), e.getValue(), names, builtIn, strategic));
        names.remove(names.size() - 1);
      }
      return result;
    }
    if (patch.isObject() && strategic) {
      return structural(JsonNodeFactory.instance.objectNode(), patch, names, builtIn, true);
    }
    if (patch.isArray() && live != null && live.isArray() && !names.isEmpty()) {
      ListType type = ListTypes.at(builtIn, names);
      if (type.kind() == ListType.Kind.MAP) {
        return mergeListMap((ArrayNode) live, (ArrayNode) patch, type, names, builtIn, strategic);
      }
      if (type.kind() == ListType.Kind.SET) {
        ArrayNode result = (ArrayNode) live.deepCopy();
        for (JsonNode value : patch) {
          if (!contains(result, value)) {
            result.add(value.deepCopy());
          }
        }
        return result;
      }
    }
    return patch.deepCopy();
  }

  private static ArrayNode mergeListMap(ArrayNode live, ArrayNode patch, ListType type, List<String> names,
      boolean builtIn, boolean strategic) {
    ArrayNode result = live.deepCopy();
    for (JsonNode element : patch) {
      int index = indexOf(result, element, type);
      boolean delete = strategic && element.path("$patch").asText("").equals("delete");
      if (delete) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, structural(result.get(index), element, names, builtIn, strategic));
      } else {
        result.add(element.deepCopy());
      }
    }
    return result;
  }

  private static int indexOf(ArrayNode array, JsonNode element, ListType type) {
    for (int i = 0; i < array.size(); i++) {
      if (type.sameElement(array.get(i), element)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode array, JsonNode value) {
    for (JsonNode v : array) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
