package cloud.hyperbyte.testkit.kube.admission;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Pod's spec is immutable except container and init container images, {@code activeDeadlineSeconds}
 * (set, or lowered) and added tolerations (existing ones may change only {@code tolerationSeconds}):
 * {@code ValidatePodUpdate}, {@code validateOnlyAddedTolerations} and {@code ValidateContainerUpdates}
 * ({@code pkg/apis/core/validation/validation.go}). The Forbidden message on {@code spec} names the
 * fields that may change, like the server's; the server then prints a Go {@code cmp.Diff} of the
 * specs, here the first differing field is named instead. Not modelled: in-place resource resize,
 * scheduling gates, {@code terminationGracePeriodSeconds} going from negative to 1, ephemeral containers.
 */
final class PodUpdateRule extends SpecUpdateRule {

  static final String MESSAGE = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
      + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  PodUpdateRule() {
    super("", "pods");
  }

  @Override
  List<FieldError> errors(JsonNode old, ObjectNode updated) {
    JsonNode oldSpec = old.path("spec");
    JsonNode newSpec = updated.path("spec");
    if (oldSpec.path("containers").size() != newSpec.path("containers").size()) {
      return List.of(FieldError.forbidden("spec.containers", "pod updates may not add or remove containers"));
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode newDeadline = newSpec.path("activeDeadlineSeconds");
    JsonNode oldDeadline = oldSpec.path("activeDeadlineSeconds");
    if (newDeadline.isNumber()) {
      if (oldDeadline.isNumber() && oldDeadline.asLong() < newDeadline.asLong()) {
        return List.of(FieldError.invalid("spec.activeDeadlineSeconds",
            newDeadline.asLong() + ": must be less than or equal to previous value"));
      }
    } else if (oldDeadline.isNumber()) {
      errors.add(FieldError.invalid("spec.activeDeadlineSeconds", "null: must not update from a positive integer to nil value"));
    }
    if (!onlyAddedTolerations(oldSpec.path("tolerations"), newSpec.path("tolerations"))) {
      errors.add(FieldError.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
      return errors;
    }
    ObjectNode munged = newSpec.isObject() ? (ObjectNode) newSpec.deepCopy() : updated.objectNode();
    for (String list : List.of("containers", "initContainers")) {
      JsonNode oldList = oldSpec.path(list);
      JsonNode newList = munged.path(list);
      for (int i = 0; i < newList.size() && i < oldList.size(); i++) {
        if (newList.get(i) instanceof ObjectNode container) {
          if (oldList.get(i).has("image")) {
            container.set("image", oldList.get(i).get("image"));
          } else {
            container.remove("image");
          }
        }
      }
    }
    restore(munged, oldSpec, "activeDeadlineSeconds");
    restore(munged, oldSpec, "tolerations");
    if (!FieldValues.same(munged, oldSpec)) {
      errors.add(FieldError.forbidden("spec", MESSAGE + "\n  " + firstDifference(oldSpec, munged, "spec")));
    }
    return errors;
  }

  private static void restore(ObjectNode munged, JsonNode oldSpec, String field) {
    if (oldSpec.has(field)) {
      munged.set(field, oldSpec.get(field));
    } else {
      munged.remove(field);
    }
  }

  private static boolean onlyAddedTolerations(JsonNode oldTolerations, JsonNode newTolerations) {
    for (JsonNode old : oldTolerations) {
      boolean found = false;
      for (JsonNode candidate : newTolerations) {
        ObjectNode clone = (ObjectNode) old.deepCopy();
        clone.remove("tolerationSeconds");
        ObjectNode other = (ObjectNode) candidate.deepCopy();
        other.remove("tolerationSeconds");
        found |= FieldValues.same(clone, other);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** A one-line account of the first field that differs, e.g. {@code spec.nodeName: "a" -> "b"}. */
  static String firstDifference(JsonNode old, JsonNode updated, String path) {
    JsonNode a = FieldValues.normalized(old);
    JsonNode b = FieldValues.normalized(updated);
    if (a.isObject() && b.isObject()) {
      List<String> names = new ArrayList<>();
      a.propertyNames().forEach(names::add);
      b.propertyNames().forEach(n -> { if (!names.contains(n)) names.add(n); });
      for (String name : names) {
        if (!a.path(name).equals(b.path(name))) {
          return firstDifference(a.get(name), b.get(name), path + "." + name);
        }
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          return firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
        }
      }
    }
    return path + ": " + FieldValues.text(a) + " -> " + FieldValues.text(b);
  }
}
