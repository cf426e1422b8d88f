package cloud.hyperbyte.render.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every config.toml key HyperbyteDB 0.8.5 accepts, per section, with its type (database contract
 * §1.2). Each server section has {@code deny_unknown_fields}: a key outside this list makes the
 * process exit at startup. Keys that exist but are deprecated and ignored are listed too, because the
 * server accepts them; the renderer never writes them.
 */
public final class ServerConfigKeys {

  /** The TOML type a key must have. */
  public enum ValueType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** {@code min_acks}: an integer or the string {@code "majority"}. */
    INTEGER_OR_STRING
  }

  private static final Map<String, Map<String, ValueType>> SECTIONS = build();

  private ServerConfigKeys() {}

  /** Section name (dotted for nested tables) to key to type, in contract order. */
  public static Map<String, Map<String, ValueType>> sections() {
    return SECTIONS;
  }

  /** The type of {@code key} in {@code section}, or empty when the server would reject it. */
  public static Optional<ValueType> typeOf(String section, String key) {
    return Optional.ofNullable(SECTIONS.getOrDefault(section, Map.of()).get(key));
  }

  private static Map<String, Map<String, ValueType>> build() {
    Map<String, Map<String, ValueType>> sections = new LinkedHashMap<>();
    section(sections, "server")
        .string("bind_address")
        .integer("port", "max_body_size_bytes", "max_points_per_request", "request_timeout_secs",
            "query_timeout_secs", "max_concurrent_queries")
        .bool("tls_enabled")
        .string("tls_cert_path", "tls_key_path");
    section(sections, "storage").string("wal_dir", "meta_dir", "wal_format");
    section(sections, "flush")
        .integer("interval_secs", "max_points_per_batch", "wal_batch_size", "wal_batch_delay_us",
            "wal_enqueue_timeout_ms")
        .bool("arrow_wal_enabled");
    section(sections, "chdb")
        .string("session_data_path")
        .integer("pool_size", "query_pool_size", "write_pool_size", "schema_cache_max_entries",
            "insert_max_threads", "insert_min_insert_block_size_rows", "insert_max_insert_block_size",
            "tag_low_cardinality_max");
    section(sections, "auth").bool("enabled", "allow_query_param_credentials");
    section(sections, "cardinality").integer("max_tag_values_per_measurement", "max_measurements_per_database");
    section(sections, "cluster")
        .bool("enabled")
        .integer("node_id")
        .string("cluster_addr", "peers")
        .integer("heartbeat_interval_secs", "heartbeat_miss_threshold")
        .bool("anti_entropy_enabled")
        .integer("anti_entropy_interval_secs")
        .string("replication_log_dir", "raft_dir")
        .integer("replication_max_retries", "replication_queue_depth", "replication_max_inflight_batches",
            "replication_max_coalesce_body_bytes", "replicate_body_limit_bytes",
            "replicate_receiver_queue_depth", "replicate_receiver_workers",
            "replication_truncate_stale_peer_multiplier", "raft_heartbeat_interval_ms",
            "raft_election_timeout_ms", "raft_snapshot_threshold", "raft_rpc_timeout_secs");
    section(sections, "cluster.replication").string("mode").integer("ack_timeout_ms");
    section(sections, "cluster.replication.sync_quorum").add("min_acks", ValueType.INTEGER_OR_STRING);
    section(sections, "logging").string("level", "format");
    section(sections, "statement_summary").bool("enabled").integer("max_entries").bool("require_auth");
    section(sections, "hinted_handoff").bool("enabled").integer("max_hints_per_peer", "max_hint_age_secs");
    section(sections, "rate_limit").bool("enabled").integer("max_requests_per_second");
    section(sections, "retention").bool("enabled").string("interval");
    section(sections, "disk")
        .bool("enabled")
        .integer("check_interval_secs", "warn_threshold_mb", "readonly_threshold_mb");
    Map<String, Map<String, ValueType>> frozen = new LinkedHashMap<>();
    sections.forEach((name, keys) -> frozen.put(name, Collections.unmodifiableMap(keys)));
    return Collections.unmodifiableMap(frozen);
  }

  private static SectionBuilder section(Map<String, Map<String, ValueType>> sections, String name) {
    Map<String, ValueType> keys = new LinkedHashMap<>();
    sections.put(name, keys);
    return new SectionBuilder(keys);
  }

  private record SectionBuilder(Map<String, ValueType> keys) {
    SectionBuilder string(String... names) {
      return addAll(ValueType.STRING, names);
    }

    SectionBuilder integer(String... names) {
      return addAll(ValueType.INTEGER, names);
    }

    SectionBuilder bool(String... names) {
      return addAll(ValueType.BOOLEAN, names);
    }

    SectionBuilder add(String name, ValueType type) {
      keys.put(name, type);
      return this;
    }

    private SectionBuilder addAll(ValueType type, String... names) {
      for (String name : names) {
        add(name, type);
      }
      return this;
    }
  }
}
