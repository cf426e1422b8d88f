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
 * The status of a cluster whose spec cannot be carried out: the last status with {@code Ready=False}
 * and {@code Degraded=True}, and why as the message. Reason {@code InvalidSpec} when the model
 * rejects the spec; {@code ChangeRefused} when the API server refuses to store what the spec renders
 * (422, e.g. a changed storage class: a StatefulSet's volume claim templates are immutable). Nothing
 * else is touched, so a bad edit never changes the running cluster.
 */
final class InvalidSpecStatus {

  static final String REASON = "InvalidSpec";

  private InvalidSpecStatus() {}

  static final String REFUSED = "ChangeRefused";

  static HyperbytedbClusterStatus of(HyperbytedbClusterStatus last, long generation, List<Problem> errors, Instant now) {
    return of(last, generation, REASON, "The spec is invalid; nothing was changed: "
        + errors.stream().map(Problem::describe).collect(Collectors.joining("; ")), now);
  }

  /** The API server refused to store {@code object} as the spec renders it, with {@code serverMessage}. */
  static HyperbytedbClusterStatus refused(HyperbytedbClusterStatus last, long generation, String object,
      String serverMessage, Instant now) {
    return of(last, generation, REFUSED, "The API server refused the change to " + object
        + "; the cluster keeps running as it was. Revert the spec change (or replace the object by hand): "
        + serverMessage, now);
  }

  private static HyperbytedbClusterStatus of(HyperbytedbClusterStatus last, long generation, String reason,
      String message, Instant now) {
    HyperbytedbClusterStatus status = StatusCopy.of(last);
    List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
    set(conditions, ClusterConditions.READY, false, reason, message, generation, now);
    set(conditions, ClusterConditions.DEGRADED, true, reason, message, generation, now);
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
    return status;
  }

  private static void set(List<Condition> conditions, String type, boolean value, String reason, String message,
      long generation, Instant now) {
    Condition condition = Conditions.transitioned(conditions, type, value, reason, message, generation, now);
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(condition);
  }
}
