package cloud.hyperbyte.render.monitoring;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.UnmodelledObject;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus Operator {@code PrometheusRule} {@code <name>} with alerts on metrics the server really
 * emits (contract §7.1) and the real node-state codes (§4: 1 Active, 3 Syncing, 4 Draining, 5
 * Leaving; the docs' table is wrong), and with TLS on certificate expiry from the operator's own
 * metric ({@link OperatorMetricNames}).
 */
public final class PrometheusRuleRenderer {

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "PrometheusRule";
  /** {@code hyperbytedb_cluster_node_state} of an Active node. */
  public static final int NODE_STATE_ACTIVE = 1;
  /** A gap above this many WAL entries makes a reconnecting peer re-sync fully (contract §2.3). */
  public static final long LAG_ENTRIES_THRESHOLD = 10_000;
  /**
   * Days of certificate life left that raise a warning: renewals happen when a third of the life is
   * left (30 of 90 days), so at 14 days one has been missing for two weeks.
   */
  public static final int CERTIFICATE_WARNING_DAYS = 14;
  /** Days left that make it critical: clients start failing when it runs out. */
  public static final int CERTIFICATE_CRITICAL_DAYS = 2;

  private PrometheusRuleRenderer() {}

  /** The rule, or empty when turned off. */
  public static Optional<UnmodelledObject> render(ClusterSpec spec) {
    if (!spec.monitoring().prometheusRule()) {
      return Optional.empty();
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "hyperbytedb-" + spec.name());
    group.put("rules", alerts(spec).stream().map(AlertRule::toMap).toList());
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("groups", List.of(group));
    return Optional.of(new UnmodelledObject(
        API_VERSION, KIND, ObjectMetadata.database(spec, ClusterNames.of(spec).prometheusRule()), rule));
  }

  /** The alerts for {@code spec}; Raft and replication alerts only in cluster mode. */
  public static List<AlertRule> alerts(ClusterSpec spec) {
    String members = MetricSelector.members(spec);
    String job = MetricSelector.scrapeJob(spec);
    String cluster = spec.namespace() + "/" + spec.name();
    List<AlertRule> alerts = new ArrayList<>();
    alerts.add(
        new AlertRule(
            "HyperbytedbMemberDown",
            "up{" + job + "} == 0",
            "5m",
            "warning",
            "HyperbyteDB member {{ $labels.pod }} of " + cluster + " is not answering scrapes",
            "Prometheus could not scrape /metrics of {{ $labels.pod }} for 5 minutes."));
    alerts.add(
        new AlertRule(
            "HyperbytedbDiskReadOnly",
            "increase(hyperbytedb_disk_readonly_events_total{" + members + "}[10m]) > 0",
            "0m",
            "critical",
            "HyperbyteDB member {{ $labels.pod }} of " + cluster + " went read-only",
            "Free space fell below the read-only threshold: writes get 507 and /health reports 503."));
    alerts.add(
        new AlertRule(
            "HyperbytedbDiskSpaceLow",
            "min by (namespace, pod, path) (hyperbytedb_disk_free_bytes{" + members + "}) < 1073741824",
            "10m",
            "warning",
            "HyperbyteDB member {{ $labels.pod }} of " + cluster + " has less than 1 GiB free on {{ $labels.path }}",
            "The server turns read-only at 256 MiB free; grow the volume (storage.volumeClaimTemplate.size)."));
    alerts.add(
        new AlertRule(
            "HyperbytedbWriteErrors",
            "sum by (namespace, pod) (rate(hyperbytedb_write_errors_total{" + members + "}[5m]))"
                + " / clamp_min(sum by (namespace, pod) (rate(hyperbytedb_write_requests_total{" + members + "}[5m])), 1e-9)"
                + " > 0.05",
            "10m",
            "warning",
            "More than 5% of writes to {{ $labels.pod }} of " + cluster + " fail",
            "hyperbytedb_write_errors_total grows faster than 5% of hyperbytedb_write_requests_total."));
    if (spec.server().tls().mode() != TlsMode.DISABLED) {
      alerts.addAll(certificateAlerts(spec, cluster));
    }
    if (spec.clusterMode()) {
      int majority = spec.replicas() / 2 + 1;
      alerts.add(
          new AlertRule(
              "HyperbytedbNodeNotActive",
              "hyperbytedb_cluster_node_state{" + members + "} != " + NODE_STATE_ACTIVE,
              "10m",
              "warning",
              "HyperbyteDB member {{ $labels.pod }} of " + cluster + " is not Active",
              "Node state code {{ $value }} (3 Syncing, 4 Draining, 5 Leaving) for 10 minutes; the member takes no writes."));
      alerts.add(
          new AlertRule(
              "HyperbytedbRaftMajorityLost",
              "sum(up{" + job + "}) < " + majority,
              "2m",
              "critical",
              "HyperbyteDB cluster " + cluster + " has fewer than " + majority + " members up",
              "Without a majority of the " + spec.replicas() + " voters Raft elects no leader: schema changes and membership changes stop."));
      alerts.add(
          new AlertRule(
              "HyperbytedbRaftElectionChurn",
              "changes(max(hyperbytedb_raft_election_term{" + members + "})[15m:1m]) > 3",
              "0m",
              "warning",
              "HyperbyteDB cluster " + cluster + " keeps electing Raft leaders",
              "More than 3 new election terms in 15 minutes: no stable leader (network, overload or Raft timings)."));
      alerts.add(
          new AlertRule(
              "HyperbytedbReplicationLag",
              "max by (namespace, pod, peer_id) (hyperbytedb_replication_lag_wal_seq{" + members + "}) > " + LAG_ENTRIES_THRESHOLD,
              "10m",
              "warning",
              "HyperbyteDB peer {{ $labels.peer_id }} of " + cluster + " lags behind the leader",
              "More than " + LAG_ENTRIES_THRESHOLD + " WAL entries behind for 10 minutes; a reconnect will need a full re-sync."));
    }
    return alerts;
  }

  /** On the operator's metric, so they need the operator scraped (chart: metrics.serviceMonitor.enabled). */
  private static List<AlertRule> certificateAlerts(ClusterSpec spec, String cluster) {
    String expiry = OperatorMetricNames.CERTIFICATE_EXPIRY_SECONDS + "{" + OperatorMetricNames.CLUSTER_NAMESPACE_LABEL
        + "=\"" + spec.namespace() + "\"," + OperatorMetricNames.CLUSTER_LABEL + "=\"" + spec.name() + "\"}";
    String member = "{{ $labels." + OperatorMetricNames.MEMBER_LABEL + " }}";
    String remedy = " Renewal is overdue: see the cluster's CertificatesRenewable condition and Warning events"
        + " (kubectl describe hbc " + spec.name() + " -n " + spec.namespace() + ").";
    return List.of(
        new AlertRule(
            "HyperbytedbCertificateExpiringSoon",
            expiry + " < " + CERTIFICATE_WARNING_DAYS + " * 86400",
            "1h",
            "warning",
            "The TLS certificate of HyperbyteDB member " + member + " of " + cluster + " expires in less than "
                + CERTIFICATE_WARNING_DAYS + " days",
            "{{ $value | humanizeDuration }} left." + remedy),
        new AlertRule(
            "HyperbytedbCertificateExpiryImminent",
            expiry + " < " + CERTIFICATE_CRITICAL_DAYS + " * 86400",
            "5m",
            "critical",
            "The TLS certificate of HyperbyteDB member " + member + " of " + cluster + " expires in less than "
                + CERTIFICATE_CRITICAL_DAYS + " days",
            "{{ $value | humanizeDuration }} left; clients will refuse the member once it expires." + remedy));
  }
}
