package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validation rule for updates of one built-in resource's main resource (status writes keep the
 * stored spec and are not checked): the errors of the update, or none.
 */
abstract class SpecUpdateRule implements AdmissionStep {

  private final String group;
  private final String resource;

  SpecUpdateRule(String group, String resource) {
    this.group = group;
    this.resource = resource;
  }

  @Override
  public final AdmissionResult admit(AdmissionRequest request) {
    if (!request.isSpecUpdate() || !group.equals(request.group()) || !resource.equals(request.resource())
        || request.oldObject() == null) {
      return AdmissionResult.admit(request.object());
    }
    List<FieldError> errors = errors(request.oldObject(), request.object());
    return errors.isEmpty() ? AdmissionResult.admit(request.object()) : AdmissionResult.invalid(errors);
  }

  /** The field errors of changing {@code old} into {@code updated}; empty when the update is allowed. */
  abstract List<FieldError> errors(JsonNode old, ObjectNode updated);
}
