package cloud.hyperbyte.render.monitoring;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names HyperbyteDB 0.8.5 emits (database contract §7.1), and a PromQL name extractor. */
final class ServerMetrics {

  /** Every name from §7.1, with brace groups expanded; summaries also expose _sum and _count. */
  static final Set<String> EMITTED =
      Set.copyOf(
          List.of(
              "hyperbytedb_info", "hyperbytedb_uptime_seconds", "hyperbytedb_cluster_node_state",
              "hyperbytedb_cluster_peers", "hyperbytedb_cluster_nodes_total", "hyperbytedb_cluster_membership_version",
              "hyperbytedb_membership_transitions_total", "hyperbytedb_drain_total",
              "hyperbytedb_startup_sync_failures_total", "hyperbytedb_raft_election_term",
              "hyperbytedb_write_requests_total", "hyperbytedb_write_errors_total", "hyperbytedb_write_payload_bytes",
              "hyperbytedb_ingestion_points_total", "hyperbytedb_wal_appends_total",
              "hyperbytedb_ingest_metadata_lookup_seconds", "hyperbytedb_ingest_parse_seconds",
              "hyperbytedb_ingest_metadata_register_seconds", "hyperbytedb_ingest_wal_append_seconds",
              "hyperbytedb_ingest_arrow_build_seconds", "hyperbytedb_ingest_schema_cache_hits_total",
              "hyperbytedb_line_protocol_timestamp_unavailable_total", "hyperbytedb_rate_limit_denied_total",
              "hyperbytedb_query_requests_total", "hyperbytedb_query_errors_total", "hyperbytedb_query_duration_seconds",
              "hyperbytedb_cq_executions_total", "hyperbytedb_cq_errors_total", "hyperbytedb_cq_duration_ms",
              "hyperbytedb_cq_window_secs", "hyperbytedb_wal_last_sequence", "hyperbytedb_wal_arrow_cache_hits_total",
              "hyperbytedb_wal_arrow_cache_misses_total", "hyperbytedb_wal_batcher_batch_size",
              "hyperbytedb_wal_batcher_coalesce_seconds", "hyperbytedb_wal_batcher_queue_wait_seconds",
              "hyperbytedb_wal_batcher_response_seconds", "hyperbytedb_wal_batcher_write_seconds",
              "hyperbytedb_flush_runs_total", "hyperbytedb_flush_errors_total", "hyperbytedb_flush_points_total",
              "hyperbytedb_flush_duration_seconds", "hyperbytedb_flush_wal_read_seconds", "hyperbytedb_flush_prepare_seconds",
              "hyperbytedb_flush_arrow_coalesce_seconds", "hyperbytedb_flush_coalesce_points_seconds",
              "hyperbytedb_flush_sink_write_seconds", "hyperbytedb_flush_sink_ensure_table_seconds",
              "hyperbytedb_flush_sink_build_insert_sql_seconds", "hyperbytedb_flush_sink_chdb_insert_seconds",
              "hyperbytedb_flush_sink_writes_total", "hyperbytedb_native_rows_written_total",
              "hyperbytedb_replication_writes_total", "hyperbytedb_replication_errors_total",
              "hyperbytedb_replication_duration_seconds", "hyperbytedb_replication_http_seconds",
              "hyperbytedb_replication_sync_duration_seconds", "hyperbytedb_replication_sync_peer_ack_seconds",
              "hyperbytedb_replication_batch_bytes", "hyperbytedb_replication_queue_full_total",
              "hyperbytedb_replication_queue_drops_total", "hyperbytedb_replication_apply_total",
              "hyperbytedb_replication_apply_errors_total", "hyperbytedb_replication_apply_queue_full_total",
              "hyperbytedb_replication_apply_parse_seconds", "hyperbytedb_replication_apply_metadata_seconds",
              "hyperbytedb_replication_apply_wal_seconds", "hyperbytedb_replication_apply_seconds",
              "hyperbytedb_replication_sync_acks_total", "hyperbytedb_replication_sync_required_acks",
              "hyperbytedb_replication_sync_apply_received_total", "hyperbytedb_replication_sync_apply_errors_total",
              "hyperbytedb_replication_mode", "hyperbytedb_replication_lag_wal_seq", "hyperbytedb_replication_lag_files",
              "hyperbytedb_replication_lag_bytes", "hyperbytedb_hinted_handoff_enqueued_total",
              "hyperbytedb_hinted_handoff_drained_total", "hyperbytedb_hinted_handoff_rejected_total",
              "hyperbytedb_raft_append_log_seconds", "hyperbytedb_raft_apply_sm_seconds",
              "hyperbytedb_raft_build_snapshot_seconds", "hyperbytedb_raft_get_log_state_seconds",
              "hyperbytedb_raft_install_snapshot_seconds", "hyperbytedb_raft_purge_logs_seconds",
              "hyperbytedb_raft_read_log_seconds", "hyperbytedb_raft_save_vote_seconds",
              "hyperbytedb_raft_append_log_entries_total", "hyperbytedb_raft_apply_sm_entries_total",
              "hyperbytedb_raft_build_snapshot_total", "hyperbytedb_raft_install_snapshot_total",
              "hyperbytedb_raft_save_vote_total", "hyperbytedb_disk_free_bytes", "hyperbytedb_disk_readonly_events_total",
              "hyperbytedb_retention_runs_total", "hyperbytedb_retention_delete_mutations_total",
              "hyperbytedb_proxy_requests_total", "hyperbytedb_proxy_request_duration_seconds",
              "hyperbytedb_proxy_no_backend_total", "hyperbytedb_proxy_backends_total",
              "hyperbytedb_proxy_health_transitions_total"));

  /** Series Prometheus adds to every scrape target. */
  static final Set<String> SCRAPE_SERIES = Set.of("up");

  private static final Pattern NAME = Pattern.compile("\\bhyperbytedb_[a-z0-9_]+");

  private ServerMetrics() {}

  /** Every hyperbytedb_* name in {@code promql}. */
  static Set<String> namesIn(String promql) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = NAME.matcher(promql);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  /** Whether the server emits {@code name} (summary {@code _sum}/{@code _count} series included). */
  static boolean emitted(String name) {
    if (EMITTED.contains(name)) {
      return true;
    }
    for (String suffix : List.of("_sum", "_count")) {
      if (name.endsWith(suffix) && EMITTED.contains(name.substring(0, name.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }
}
