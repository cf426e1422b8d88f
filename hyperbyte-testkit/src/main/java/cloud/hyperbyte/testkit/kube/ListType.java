package cloud.hyperbyte.testkit.kube;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the API server merges one list field: by key fields ({@code x-kubernetes-list-type: map}),
 * as a set of scalars, or atomically (the applied list replaces the live one).
 */
record ListType(Kind kind, List<String> keys) {

  enum Kind { MAP, SET, ATOMIC }

  static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of());
  static final ListType SET = new ListType(Kind.SET, List.of());

  /** Server-side defaults of key fields: an absent {@code protocol} means TCP, so keys must match it. */
  private static final Map<String, String> KEY_DEFAULTS = Map.of("protocol", "TCP");

  static ListType map(String... keys) {
    return new ListType(Kind.MAP, List.of(keys));
  }

  /** The identity of a list-map element: its key fields (defaults filled in), in key order. */
  ObjectNode keyOf(JsonNode element) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    for (String k : keys) {
      JsonNode v = element.get(k);
      if (v == null || v.isNull()) {
        String dflt = KEY_DEFAULTS.get(k);
        if (dflt != null) {
          key.put(k, dflt);
        }
      } else {
        key.set(k, v);
      }
    }
    return key;
  }

  boolean sameElement(JsonNode a, JsonNode b) {
    return kind == Kind.MAP ? keyOf(a).equals(keyOf(b)) : a.equals(b);
  }
}
