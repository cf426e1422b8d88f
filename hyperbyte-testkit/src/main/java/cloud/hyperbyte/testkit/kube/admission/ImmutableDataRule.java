package cloud.hyperbyte.testkit.kube.admission;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets and ConfigMaps stored with {@code immutable: true}: {@code immutable} cannot be unset and
 * their data cannot change ({@code field is immutable when `immutable` is set}, Forbidden at
 * {@code immutable}, {@code data} and, for ConfigMaps, {@code binaryData}): {@code ValidateSecretUpdate}
 * and {@code ValidateConfigMapUpdate} ({@code pkg/apis/core/validation/validation.go}). A Secret's
 * {@code stringData} is already folded into {@code data} when this runs ({@link SecretDefaults}), as
 * on the server. Also: a Secret's {@code type} is immutable ({@code ValidateImmutableField} at {@code type}).
 */
final class ImmutableDataRule implements AdmissionStep {

  private static final String DETAIL = "field is immutable when `immutable` is set";

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    boolean secret = request.resource().equals("secrets");
    if (!request.isSpecUpdate() || !request.group().isEmpty() || !(secret || request.resource().equals("configmaps"))
        || request.oldObject() == null) {
      return AdmissionResult.admit(request.object());
    }
    JsonNode old = request.oldObject();
    ObjectNode updated = request.object();
    List<FieldError> errors = new ArrayList<>();
    if (secret && !FieldValues.same(old.path("type"), updated.path("type"))) {
      errors.add(FieldValues.immutable("type", updated.path("type")));
    }
    if (old.path("immutable").asBoolean(false)) {
      if (!updated.path("immutable").asBoolean(false)) {
        errors.add(FieldError.forbidden("immutable", DETAIL));
      }
      if (!FieldValues.same(old.path("data"), updated.path("data"))) {
        errors.add(FieldError.forbidden("data", DETAIL));
      }
      if (!secret && !FieldValues.same(old.path("binaryData"), updated.path("binaryData"))) {
        errors.add(FieldError.forbidden("binaryData", DETAIL));
      }
    }
    return errors.isEmpty() ? AdmissionResult.admit(updated) : AdmissionResult.invalid(errors);
  }
}
