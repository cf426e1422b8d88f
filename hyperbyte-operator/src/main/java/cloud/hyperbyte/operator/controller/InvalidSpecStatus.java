package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import cloud.hyperbyte.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The status of a cluster whose spec the model rejects: the last status with {@code Ready=False}
 * and {@code Degraded=True}, reason {@code InvalidSpec}, and the problems as the message. Nothing
 * else is touched, so a bad edit never changes the running cluster.
 */
final class InvalidSpecStatus {

  static final String REASON = "InvalidSpec";

  private InvalidSpecStatus() {}

  static HyperbytedbClusterStatus of(HyperbytedbClusterStatus last, long generation, List<Problem> errors, Instant now) {
    HyperbytedbClusterStatus status = StatusCopy.of(last);
    String message = "The spec is invalid; nothing was changed: "
        + errors.stream().map(Problem::describe).collect(Collectors.joining("; "));
    List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
    set(conditions, ClusterConditions.READY, false, message, generation, now);
    set(conditions, ClusterConditions.DEGRADED, true, message, generation, now);
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
    return status;
  }

  private static void set(List<Condition> conditions, String type, boolean value, String message, long generation,
      Instant now) {
    Condition condition = Conditions.transitioned(conditions, type, value, REASON, message, generation, now);
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(condition);
  }
}
