package cloud.hyperbyte.testkit.kube.admission;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Job's pod template, selector, completions and completion mode are immutable:
 * {@code validateJobSpecUpdate} and {@code validatePodTemplateUpdate} ({@code pkg/apis/batch/validation/validation.go},
 * reached from {@code ValidateJobUpdate}), each {@code field is immutable} at its path. Not modelled:
 * the scheduling directives a suspended Job that never started may change, and elastic indexed Jobs.
 */
final class JobUpdateRule extends SpecUpdateRule {

  private static final List<String> IMMUTABLE = List.of("completions", "selector", "template", "completionMode",
      "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy");

  JobUpdateRule() {
    super("batch", "jobs");
  }

  @Override
  List<FieldError> errors(JsonNode old, ObjectNode updated) {
    List<FieldError> errors = new ArrayList<>();
    for (String field : IMMUTABLE) {
      JsonNode value = updated.path("spec").path(field);
      if (!FieldValues.same(old.path("spec").path(field), value)) {
        errors.add(FieldValues.immutable("spec." + field, value));
      }
    }
    return errors;
  }
}
