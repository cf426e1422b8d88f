package cloud.hyperbyte.reconcile.apply;

import tools.jackson.databind.node.ObjectNode;

/** Changes that writers other than the operator make to its objects, as JSON edits. */
final class OtherWriters {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private OtherWriters() {}

  /** {@code kubectl apply} history on the object. */
  static void kubectlLastApplied(ObjectNode object) {
    object.withObjectProperty("metadata").withObjectProperty("annotations").put(LAST_APPLIED, "{\"apiVersion\":\"v1\"}");
  }

  /** {@code kubectl rollout restart} on a workload. */
  static void rolloutRestart(ObjectNode workload) {
    workload.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("metadata")
        .withObjectProperty("annotations").put(RESTARTED_AT, "2026-11-25T10:00:00Z");
  }

  /** A label some other tool (cost allocation, a policy engine) adds. */
  static void costLabel(ObjectNode object) {
    object.withObjectProperty("metadata").withObjectProperty("labels").put("cost-center", "observability");
  }

  /** Another field manager adds an env var to the first container of a workload. */
  static void extraEnvVar(ObjectNode workload) {
    ObjectNode container =
        (ObjectNode) workload.path("spec").path("template").path("spec").path("containers").get(0);
    container.withArrayProperty("env").addObject().put("name", "OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://otel:4317");
  }
}
