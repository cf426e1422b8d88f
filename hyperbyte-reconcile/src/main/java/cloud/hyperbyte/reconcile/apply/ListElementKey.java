package cloud.hyperbyte.reconcile.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How elements of a list field are told apart, mirroring the merge keys Kubernetes declares for
 * associative lists ({@code x-kubernetes-list-map-keys}). In a keyed list the operator owns only its
 * own entries; other writers may add theirs (an injected sidecar, an extra env var), and those must
 * not count as a difference. Lists without a key are atomic: compared position by position, with the
 * same length.
 */
final class ListElementKey {

  private final String label;
  private final List<String> fields;
  private final List<String> defaults;

  private ListElementKey(String label, List<String> fields, List<String> defaults) {
    this.label = label;
    this.fields = fields;
    this.defaults = defaults;
  }

  /**
   * The key of list {@code field} whose desired elements are {@code desired}, or empty when the list
   * is atomic. Known Kubernetes keys first; otherwise a list of objects that all carry a distinct
   * {@code name} is keyed by name (containers, env, volumes, rule groups …).
   */
  static Optional<ListElementKey> of(String field, JsonNode desired) {
    if (!allObjects(desired)) {
      return Optional.empty();
    }
    switch (field) {
      case "ownerReferences":
        return Optional.of(single("uid"));
      case "volumeMounts":
        return Optional.of(single("mountPath"));
      case "volumeDevices":
        return Optional.of(single("devicePath"));
      case "ports":
        if (allHave(desired, "containerPort")) {
          return Optional.of(new ListElementKey("containerPort", List.of("containerPort", "protocol"), List.of("", "TCP")));
        }
        if (allHave(desired, "port")) {
          return Optional.of(new ListElementKey("port", List.of("port", "protocol"), List.of("", "TCP")));
        }
        return Optional.empty();
      default:
        return allHave(desired, "name") && distinct(desired, single("name")) ? Optional.of(single("name")) : Optional.empty();
    }
  }

  private static ListElementKey single(String field) {
    return new ListElementKey(field, List.of(field), List.of(""));
  }

  /** The key value of {@code element}; absent key fields take their API default (protocol TCP). */
  List<String> valueOf(JsonNode element) {
    List<String> values = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      JsonNode value = element.path(fields.get(i));
      values.add(value.isValueNode() && !value.isNull() ? value.asString() : defaults.get(i));
    }
    return values;
  }

  /** A path segment naming {@code element}, such as {@code [name=hyperbytedb]}. */
  String describe(JsonNode element) {
    return "[" + label + "=" + valueOf(element).get(0) + "]";
  }

  private static boolean allObjects(JsonNode list) {
    return list.size() > 0 && list.values().stream().allMatch(JsonNode::isObject);
  }

  private static boolean allHave(JsonNode list, String field) {
    return list.values().stream().allMatch(e -> e.path(field).isValueNode() && !e.path(field).isNull());
  }

  private static boolean distinct(JsonNode list, ListElementKey key) {
    Set<List<String>> seen = new HashSet<>();
    return list.values().stream().allMatch(e -> seen.add(key.valueOf(e)));
  }
}
