package cloud.hyperbyte.render.monitoring;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.metadata.ShortHash;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grafana dashboard ConfigMap {@code <name>-dashboard}, labelled for the Grafana sidecar with
 * {@code monitoring.grafanaDashboardLabels} (default {@code grafana_dashboard: "1"}). Every query uses only metric names the server emits (contract §7.1; the
 * upstream dashboard plots several that do not exist). Latencies are summaries (quantile labels),
 * not histograms.
 */
public final class DashboardRenderer {

  public static final String FILE_SUFFIX = "-hyperbytedb.json";

  static final int MAX_UID_LENGTH = 40;

  private DashboardRenderer() {}

  /** The ConfigMap, or empty when turned off. */
  public static Optional<ConfigMap> render(ClusterSpec spec) {
    if (!spec.monitoring().grafanaDashboard()) {
      return Optional.empty();
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(spec.namespace() + "-" + spec.name() + FILE_SUFFIX, json(spec));
    return Optional.of(
        new ConfigMapBuilder()
            .withMetadata(
                ObjectMetadata.of(
                    spec, ClusterNames.of(spec).dashboardConfigMap(),
                    UserLabels.under(spec.monitoring().grafanaDashboardLabels(), ClusterLabels.common(spec))))
            .withData(data)
            .build());
  }

  /** The dashboard JSON, pretty-printed with {@code \n} line ends whatever the platform, so the bytes never vary. */
  public static String json(ClusterSpec spec) {
    return PrettyJson.write(model(spec)) + "\n";
  }

  /** Every PromQL expression of the dashboard, in panel order. */
  @SuppressWarnings("unchecked")
  public static List<String> expressions(ClusterSpec spec) {
    return ((List<Map<String, Object>>) model(spec).get("panels"))
        .stream()
        .filter(panel -> panel.containsKey("targets"))
        .flatMap(panel -> ((List<Map<String, Object>>) panel.get("targets")).stream())
        .map(target -> (String) target.get("expr"))
        .toList();
  }

  /** The dashboard model: plain maps, lists, strings, integers and booleans. */
  static Map<String, Object> model(ClusterSpec spec) {
    String m = "{" + MetricSelector.members(spec) + "}";
    String job = "{" + MetricSelector.scrapeJob(spec) + "}";
    GrafanaDashboard dashboard =
        new GrafanaDashboard(
            uid(spec),
            "HyperbyteDB " + spec.namespace() + "/" + spec.name(),
            List.of("hyperbytedb"));
    dashboard
        .row("Overview")
        .timeseries("Members up", "none", queries("{{pod}}", "up" + job))
        .timeseries("Node state (1 Active, 3 Syncing, 4 Draining, 5 Leaving)", "none",
            queries("{{pod}}", "hyperbytedb_cluster_node_state" + m))
        .timeseries("Uptime", "s", queries("{{pod}}", "hyperbytedb_uptime_seconds" + m))
        .timeseries("Cluster nodes and peers", "none",
            queries("nodes {{pod}}", "hyperbytedb_cluster_nodes_total" + m, "peers {{pod}}", "hyperbytedb_cluster_peers" + m))
        .row("Writes")
        .timeseries("Write requests and errors", "reqps",
            queries("requests {{pod}}", "sum by (pod) (rate(hyperbytedb_write_requests_total" + m + "[5m]))",
                "errors {{pod}}", "sum by (pod) (rate(hyperbytedb_write_errors_total" + m + "[5m]))"))
        .timeseries("Ingested points", "short",
            queries("{{pod}}", "sum by (pod) (rate(hyperbytedb_ingestion_points_total" + m + "[5m]))"))
        .timeseries("WAL appends", "ops",
            queries("{{pod}}", "sum by (pod) (rate(hyperbytedb_wal_appends_total" + m + "[5m]))"))
        .timeseries("Write payload p99", "bytes",
            queries("{{pod}}", "max by (pod) (hyperbytedb_write_payload_bytes{" + MetricSelector.members(spec) + ",quantile=\"0.99\"})"))
        .row("Queries")
        .timeseries("Query requests and errors", "reqps",
            queries("requests {{pod}}", "sum by (pod) (rate(hyperbytedb_query_requests_total" + m + "[5m]))",
                "errors {{pod}}", "sum by (pod) (rate(hyperbytedb_query_errors_total" + m + "[5m]))"))
        .timeseries("Mean query duration", "s",
            queries("{{pod}}", "sum by (pod) (rate(hyperbytedb_query_duration_seconds_sum" + m + "[5m]))"
                + " / clamp_min(sum by (pod) (rate(hyperbytedb_query_duration_seconds_count" + m + "[5m])), 1e-9)"))
        .row("WAL and flush")
        .timeseries("Last flushed WAL sequence", "none", queries("{{pod}}", "hyperbytedb_wal_last_sequence" + m))
        .timeseries("Flush runs, points and errors", "short",
            queries("runs {{pod}}", "sum by (pod) (rate(hyperbytedb_flush_runs_total" + m + "[5m]))",
                "points {{pod}}", "sum by (pod) (rate(hyperbytedb_flush_points_total" + m + "[5m]))",
                "errors {{pod}}", "sum by (pod) (rate(hyperbytedb_flush_errors_total" + m + "[5m]))"))
        .timeseries("Flush duration p99", "s",
            queries("{{pod}}", "max by (pod) (hyperbytedb_flush_duration_seconds{" + MetricSelector.members(spec) + ",quantile=\"0.99\"})"))
        .row("Replication and Raft")
        .timeseries("Replication lag (WAL entries, leader view)", "none",
            queries("peer {{peer_id}}", "max by (peer_id) (hyperbytedb_replication_lag_wal_seq" + m + ")"))
        .timeseries("Replication writes and errors", "ops",
            queries("writes {{pod}}", "sum by (pod) (rate(hyperbytedb_replication_writes_total" + m + "[5m]))",
                "errors {{pod}}", "sum by (pod) (rate(hyperbytedb_replication_errors_total" + m + "[5m]))"))
        .timeseries("Hinted handoff pending", "short",
            queries("{{pod}} to {{peer_id}}", "sum by (pod, peer_id) (hyperbytedb_hinted_handoff_enqueued_total" + m + ")"
                + " - sum by (pod, peer_id) (hyperbytedb_hinted_handoff_drained_total" + m + ")"))
        .timeseries("Raft election term", "none", queries("{{pod}}", "hyperbytedb_raft_election_term" + m))
        .row("Storage")
        .timeseries("Disk free", "bytes", queries("{{pod}} {{path}}", "hyperbytedb_disk_free_bytes" + m))
        .timeseries("Read-only events", "short",
            queries("{{pod}}", "sum by (pod) (increase(hyperbytedb_disk_readonly_events_total" + m + "[1h]))"))
        .timeseries("Retention runs", "short",
            queries("{{pod}}", "sum by (pod) (increase(hyperbytedb_retention_runs_total" + m + "[1h]))"));
    return dashboard.build();
  }

  /** Grafana dashboard uids are at most 40 characters; long names fall back to a hash. */
  static String uid(ClusterSpec spec) {
    String readable = "hyperbytedb-" + spec.namespace() + "-" + spec.name();
    if (readable.length() <= MAX_UID_LENGTH) {
      return readable;
    }
    return "hyperbytedb-" + ShortHash.of(spec.namespace() + "/" + spec.name());
  }

  private static Map<String, String> queries(String... legendThenExpr) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (int i = 0; i < legendThenExpr.length; i += 2) {
      queries.put(legendThenExpr[i], legendThenExpr[i + 1]);
    }
    return queries;
  }
}
