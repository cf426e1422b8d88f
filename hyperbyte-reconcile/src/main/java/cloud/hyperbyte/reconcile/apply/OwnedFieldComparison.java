package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Desired ⊆ live: every field the operator sets is present in the live object with an equal value.
 * Anything else in the live object is not the operator's business and never counts:
 *
 * <ul>
 *   <li>fields the API server defaults ({@code clusterIP}, {@code sessionAffinity}, {@code
 *       revisionHistoryLimit}, {@code terminationMessagePath} …);
 *   <li>status, and metadata such as {@code uid} or {@code managedFields};
 *   <li>map keys others wrote (kubectl's {@code last-applied-configuration}, {@code
 *       kubectl.kubernetes.io/restartedAt} on a pod template);
 *   <li>entries others added to keyed lists (see {@link ListElementKey}).
 * </ul>
 *
 * <p>Atomic lists compare element by element and must have the same length, because SSA replaces
 * them whole. Quantities compare by value ({@code 0.5} equals the server's canonical {@code 500m}),
 * numbers by value ({@code 30} equals {@code 30.0}). An empty desired object ({@code emptyDir: {}})
 * claims only that the field is an object; an empty desired list claims that the list is empty. Both
 * also match an absent field, since the server drops empty values.
 *
 * <p>This alone cannot see a field the operator stopped setting: it is still in the live object, and
 * the live object is allowed to have more. {@link AppliedHash} covers that direction.
 */
final class OwnedFieldComparison {

  /** Maps whose values are resource quantities. */
  private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits", "capacity", "hard");

  /** Single fields holding a quantity. */
  private static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit");

  private OwnedFieldComparison() {}

  /**
   * Identity fields, matched before comparing: an object read back in another API version of the
   * same group and kind is the same object. A version change still applies once through the hash.
   */
  private static final Set<String> IDENTITY = Set.of("apiVersion", "kind");

  /** The first owned field of {@code desired} that {@code live} does not match, or empty. */
  static Optional<FieldDifference> firstDifference(JsonNode desired, JsonNode live) {
    Differences found = new Differences(1);
    compareTop(desired, live, found);
    return found.list.stream().findFirst();
  }

  /** Every owned field of {@code desired} that {@code live} does not match, outermost path for each, in tree order. */
  static List<FieldDifference> differences(JsonNode desired, JsonNode live) {
    Differences found = new Differences(Integer.MAX_VALUE);
    compareTop(desired, live, found);
    return List.copyOf(found.list);
  }

  /** Collects differences up to a limit; the comparison stops once it is reached. */
  private static final class Differences {
    private final int limit;
    private final List<FieldDifference> list = new ArrayList<>();

    Differences(int limit) {
      this.limit = limit;
    }

    boolean full() {
      return list.size() >= limit;
    }

    void add(String path, FieldDifference.Type type) {
      list.add(new FieldDifference(path, type));
    }
  }

  private static void compareTop(JsonNode desired, JsonNode live, Differences found) {
    for (var entry : desired.properties()) {
      if (found.full()) {
        return;
      }
      if (!IDENTITY.contains(entry.getKey())) {
        compare(entry.getKey(), "", entry.getKey(), entry.getValue(), live.path(entry.getKey()), found);
      }
    }
  }

  private static void compare(
      String path, String parentField, String field, JsonNode desired, JsonNode live, Differences found) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return;
    }
    boolean liveAbsent = live == null || live.isNull() || live.isMissingNode();
    if (desired.isObject() && desired.isEmpty()) {
      if (!liveAbsent && !live.isObject()) {
        found.add(path, FieldDifference.Type.DIFFERENT);
      }
      return;
    }
    if (desired.isArray() && desired.isEmpty()) {
      if (!liveAbsent && !(live.isArray() && live.isEmpty())) {
        found.add(path, FieldDifference.Type.DIFFERENT);
      }
      return;
    }
    if (liveAbsent) {
      found.add(path, FieldDifference.Type.MISSING);
      return;
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        found.add(path, FieldDifference.Type.DIFFERENT);
        return;
      }
      for (var entry : desired.properties()) {
        if (found.full()) {
          return;
        }
        compare(join(path, entry.getKey()), field, entry.getKey(), entry.getValue(), live.path(entry.getKey()), found);
      }
      return;
    }
    if (desired.isArray()) {
      if (live.isArray()) {
        compareLists(path, field, desired, live, found);
      } else {
        found.add(path, FieldDifference.Type.DIFFERENT);
      }
      return;
    }
    if (!scalarsEqual(parentField, field, desired, live)) {
      found.add(path, FieldDifference.Type.DIFFERENT);
    }
  }

  private static void compareLists(String path, String field, JsonNode desired, JsonNode live, Differences found) {
    Optional<ListElementKey> key = ListElementKey.of(field, desired);
    if (key.isPresent()) {
      for (JsonNode element : desired.values()) {
        if (found.full()) {
          return;
        }
        String elementPath = path + key.get().describe(element);
        JsonNode match = findByKey(live, key.get(), element);
        if (match == null) {
          found.add(elementPath, FieldDifference.Type.MISSING);
        } else {
          compare(elementPath, field, "", element, match, found);
        }
      }
      return;
    }
    if (desired.size() != live.size()) {
      found.add(path, FieldDifference.Type.DIFFERENT);
      return;
    }
    for (int i = 0; i < desired.size() && !found.full(); i++) {
      compare(path + "[" + i + "]", field, "", desired.get(i), live.get(i), found);
    }
  }

  private static JsonNode findByKey(JsonNode live, ListElementKey key, JsonNode element) {
    var wanted = key.valueOf(element);
    for (JsonNode candidate : live.values()) {
      if (candidate.isObject() && key.valueOf(candidate).equals(wanted)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean scalarsEqual(String parentField, String field, JsonNode desired, JsonNode live) {
    if (desired.equals(live)) {
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    if (desired.isString() && live.isString()
        && (QUANTITY_MAPS.contains(parentField) || QUANTITY_FIELDS.contains(field))) {
      return sameQuantity(desired.stringValue(), live.stringValue());
    }
    return false;
  }

  private static boolean sameQuantity(String desired, String live) {
    try {
      BigDecimal a = Quantity.getAmountInBytes(new Quantity(desired));
      BigDecimal b = Quantity.getAmountInBytes(new Quantity(live));
      return a.compareTo(b) == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
