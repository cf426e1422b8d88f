package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.kube.GenericKinds;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The condition {@code CrdsInstalled}: whether the CRDs of the other projects' kinds the spec asks
 * for (Prometheus Operator ServiceMonitor and PrometheusRule, cert-manager Certificate) are
 * installed. While one is missing its objects are skipped, the rest of the cluster is reconciled, and
 * the condition says which CRD is missing and what to do; once the CRD is installed the operator
 * notices without a restart and the condition clears. Always present, like the conditions of
 * {@code ClusterConditions}.
 */
final class CrdsInstalledCondition {

  static final String TYPE = "CrdsInstalled";
  static final String MISSING = "CrdNotInstalled";
  static final String INSTALLED = "Installed";
  static final String NONE_NEEDED = "NoneNeeded";

  private CrdsInstalledCondition() {}

  /**
   * Puts the condition into {@code status} (whose other conditions are already derived), keeping its
   * lastTransitionTime from {@code last} while its status stays the same.
   *
   * @param needed the kinds the cluster renders
   * @param missing those of them whose CRD is not Established
   */
  static void set(HyperbytedbClusterStatus status, HyperbytedbClusterStatus last, Set<GenericKinds> needed,
      Set<GenericKinds> missing, long generation, Instant now) {
    boolean installed = missing.isEmpty();
    String reason = !installed ? MISSING : needed.isEmpty() ? NONE_NEEDED : INSTALLED;
    String message = !installed ? missingMessage(missing)
        : needed.isEmpty() ? "The spec uses no ServiceMonitor, PrometheusRule or cert-manager Certificate"
            : "Installed: " + needed.stream().map(GenericKinds::crdName).collect(Collectors.joining(", "));
    ClusterConditions.put(status, ClusterConditions.condition(ClusterConditions.of(last), TYPE, installed, reason,
        message, generation, now));
  }

  /**
   * The event to record when the condition written now differs in status from the last one: a
   * warning when a CRD went missing, a normal event when the missing CRDs arrived. Nothing for a
   * cluster that never had the condition and has all it needs.
   */
  static Optional<ClusterEvent> transition(HyperbytedbClusterStatus last, HyperbytedbClusterStatus written) {
    Optional<Condition> before = previous(last);
    Optional<Condition> now = previous(written);
    if (now.isEmpty() || before.map(Condition::getStatus).equals(now.map(Condition::getStatus))) {
      return Optional.empty();
    }
    Condition current = now.get();
    if ("False".equals(current.getStatus())) {
      return Optional.of(ClusterEvent.warning(MISSING, current.getMessage(), null));
    }
    return before.isEmpty() ? Optional.empty()
        : Optional.of(ClusterEvent.normal("CrdInstalled", current.getMessage(), null));
  }

  private static Optional<Condition> previous(HyperbytedbClusterStatus status) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> TYPE.equals(c.getType())).findFirst();
  }

  private static String missingMessage(Set<GenericKinds> missing) {
    return missing.stream().map(kind -> "CRD " + kind.crdName() + " is not installed, so the " + kind.kind()
            + " is not created: " + remedy(kind))
        .collect(Collectors.joining("; "))
        + ". The operator notices the CRD when it is installed; no restart is needed";
  }

  private static String remedy(GenericKinds kind) {
    return switch (kind) {
      case SERVICE_MONITOR -> "install the Prometheus Operator CRDs or set spec.monitoring.serviceMonitor: false";
      case PROMETHEUS_RULE -> "install the Prometheus Operator CRDs or set spec.monitoring.prometheusRule: false";
      case CERTIFICATE -> "install cert-manager, or use another TLS mode than spec.server.tls.certManagerIssuerRef";
    };
  }
}
