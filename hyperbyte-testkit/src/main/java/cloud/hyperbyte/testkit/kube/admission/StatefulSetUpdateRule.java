package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A StatefulSet's spec is immutable except {@code replicas}, {@code ordinals}, {@code template},
 * {@code updateStrategy}, {@code revisionHistoryLimit}, {@code persistentVolumeClaimRetentionPolicy}
 * and {@code minReadySeconds}: Kubernetes' {@code ValidateStatefulSetUpdate}
 * ({@code pkg/apis/apps/validation/validation.go}), one {@code spec: Forbidden} error.
 *
 * <p>The real server compares after defaulting ({@code SetDefaults_StatefulSet},
 * {@code SetDefaults_PersistentVolumeClaimSpec}); the defaults that decide whether an omitted field
 * counts as a change are applied to both sides here: {@code podManagementPolicy: OrderedReady} and,
 * per claim template, {@code volumeMode: Filesystem}, with the template's {@code apiVersion},
 * {@code kind} and {@code status} (which the server fills in) ignored.
 */
final class StatefulSetUpdateRule extends SpecUpdateRule {

  static final String MESSAGE = "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
      + "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and "
      + "'minReadySeconds' are forbidden";

  private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
      "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

  StatefulSetUpdateRule() {
    super("apps", "statefulsets");
  }

  @Override
  List<FieldError> errors(JsonNode old, ObjectNode updated) {
    if (FieldValues.same(comparable(old.path("spec")), comparable(updated.path("spec")))) {
      return List.of();
    }
    return List.of(FieldError.forbidden("spec", MESSAGE));
  }

  private static JsonNode comparable(JsonNode spec) {
    ObjectNode copy = spec.isObject() ? (ObjectNode) spec.deepCopy() : JsonNodeFactory.instance.objectNode();
    MUTABLE.forEach(copy::remove);
    if (copy.path("podManagementPolicy").asString("").isEmpty()) {
      copy.put("podManagementPolicy", "OrderedReady");
    }
    for (JsonNode claim : copy.path("volumeClaimTemplates")) {
      if (claim instanceof ObjectNode template) {
        template.remove(List.of("apiVersion", "kind", "status"));
        if (template.get("spec") instanceof ObjectNode claimSpec && claimSpec.path("volumeMode").asString("").isEmpty()) {
          claimSpec.put("volumeMode", "Filesystem");
        }
      }
    }
    return copy;
  }
}
