package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Deployment's {@code spec.selector} is immutable in {@code apps/v1}: {@code deploymentStrategy.ValidateUpdate}
 * ({@code pkg/registry/apps/deployment/strategy.go}) calls {@code ValidateImmutableField} on it
 * ({@code field is immutable} at {@code spec.selector}).
 */
final class DeploymentSelectorRule extends SpecUpdateRule {

  DeploymentSelectorRule() {
    super("apps", "deployments");
  }

  @Override
  List<FieldError> errors(JsonNode old, ObjectNode updated) {
    JsonNode selector = updated.path("spec").path("selector");
    if (FieldValues.same(old.path("spec").path("selector"), selector)) {
      return List.of();
    }
    return List.of(FieldValues.immutable("spec.selector", selector));
  }
}
