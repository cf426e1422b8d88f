package cloud.hyperbyte.testkit.kube.admission;

import tools.jackson.databind.JsonNode;

/**
 * {@code spec.updateStrategy.rollingUpdate} is only allowed with {@code type: RollingUpdate}:
 * Kubernetes' {@code ValidateStatefulSetSpec} ({@code pkg/apis/apps/validation/validation.go}) refuses
 * it with {@code OnDelete}, on create and on update. So a switch from a partition to {@code OnDelete}
 * must remove the partition in the same write, as a server-side apply by the manager that applied it
 * does. The real message prints the Go struct as the invalid value; here it is the JSON.
 */
final class StatefulSetUpdateStrategyRule implements AdmissionStep {

  static final String DETAIL = "only allowed for updateStrategy 'RollingUpdate'";

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    boolean writesSpec = request.operation() == Operation.CREATE || request.isSpecUpdate();
    if (!writesSpec || !"apps".equals(request.group()) || !"statefulsets".equals(request.resource())) {
      return AdmissionResult.admit(request.object());
    }
    JsonNode strategy = request.object().path("spec").path("updateStrategy");
    JsonNode rollingUpdate = strategy.path("rollingUpdate");
    if ("OnDelete".equals(strategy.path("type").asString("")) && !rollingUpdate.isMissingNode()
        && !rollingUpdate.isNull()) {
      return AdmissionResult.invalid(java.util.List.of(FieldError.invalid("spec.updateStrategy.rollingUpdate",
          FieldValues.text(rollingUpdate) + ": " + DETAIL)));
    }
    return AdmissionResult.admit(request.object());
  }
}
