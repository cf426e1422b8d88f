package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A PodDisruptionBudget may set {@code minAvailable} or {@code maxUnavailable}, never both, on create
 * and update ({@code minAvailable and maxUnavailable cannot be both set}, Invalid at {@code spec}):
 * {@code ValidatePodDisruptionBudgetSpec} ({@code pkg/apis/policy/validation/validation.go}). It
 * matters when a server-side apply sets one while another manager still owns the other.
 */
final class DisruptionBudgetRule implements AdmissionStep {

  static final String BOTH_SET = "minAvailable and maxUnavailable cannot be both set";

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (request.toStatus() || !"policy".equals(request.group()) || !"poddisruptionbudgets".equals(request.resource())) {
      return AdmissionResult.admit(request.object());
    }
    JsonNode spec = request.object().path("spec");
    if (present(spec.path("minAvailable")) && present(spec.path("maxUnavailable"))) {
      return AdmissionResult.invalid(List.of(FieldError.invalid("spec", BOTH_SET)));
    }
    return AdmissionResult.admit(request.object());
  }

  private static boolean present(JsonNode value) {
    return !value.isMissingNode() && !value.isNull();
  }
}
