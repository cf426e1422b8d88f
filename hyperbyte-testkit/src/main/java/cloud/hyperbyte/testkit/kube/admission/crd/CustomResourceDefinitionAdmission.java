package cloud.hyperbyte.testkit.kube.admission.crd;

import cloud.hyperbyte.testkit.kube.admission.AdmissionRequest;
import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.AdmissionStep;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import java.util.List;

/**
 * Refuses a CustomResourceDefinition whose {@code x-kubernetes-validations} the server would refuse
 * (see {@link CrdRules}): a rule that does not compile, names a bad field path or reason, or whose
 * estimated cost exceeds the budget. 422 with the rule's path, e.g.
 * {@code spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule}.
 */
public final class CustomResourceDefinitionAdmission implements AdmissionStep {

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (!"apiextensions.k8s.io".equals(request.group()) || !"customresourcedefinitions".equals(request.resource())
        || request.toStatus()) {
      return AdmissionResult.admit(request.object());
    }
    List<FieldError> errors = CrdRules.check(request.object());
    return errors.isEmpty() ? AdmissionResult.admit(request.object()) : AdmissionResult.invalid(errors);
  }
}
