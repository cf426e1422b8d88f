package cloud.hyperbyte.render.config;

import cloud.hyperbyte.model.spec.ChdbSettings;
import cloud.hyperbyte.model.spec.ClusterSettings;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.LimitSettings;
import cloud.hyperbyte.model.spec.ServerSettings;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;

/**
 * Renders {@code config.toml} for HyperbyteDB 0.8.5: only keys and types the server accepts
 * ({@link ServerConfigKeys}), since any unknown key stops the process at startup.
 *
 * <p>What is not in the file: {@code node_id} and {@code cluster_addr} differ per pod and reach
 * the server as env from the start script; with the operator CA the certificate paths differ per pod
 * the same way. Everything else is identical for every member, so one ConfigMap serves all.
 */
public final class ConfigToml {

  static final String BIND_ALL = "0.0.0.0";

  private ConfigToml() {}

  /** The file's text. */
  public static String render(ClusterSpec spec) {
    return document(spec).write();
  }

  /** The file as an ordered document. */
  public static TomlDocument document(ClusterSpec spec) {
    TomlDocument toml = new TomlDocument();
    server(toml.table("server"), spec.server());
    toml.table("storage")
        .put("wal_dir", ServerPaths.WAL_DIR)
        .put("meta_dir", ServerPaths.META_DIR)
        .put("wal_format", spec.storage().walFormat().wireValue());
    toml.table("flush")
        .put("interval_secs", spec.flush().intervalSecs())
        .put("max_points_per_batch", spec.flush().maxPointsPerBatch())
        .put("wal_batch_size", spec.flush().walBatchSize())
        .put("wal_batch_delay_us", spec.flush().walBatchDelayUs());
    if (!spec.flush().arrowWalEnabled()) {
      // only when off: the server's default is on, and writing it always would change every config hash
      toml.table("flush").put("arrow_wal_enabled", false);
    }
    chdb(toml.table("chdb"), spec.chdb());
    toml.table("auth").put("enabled", spec.auth().enabled());
    limits(toml, spec.limits());
    toml.table("logging")
        .put("level", spec.logging().level().wireValue())
        .put("format", spec.logging().format().wireValue());
    cluster(toml, spec);
    return toml;
  }

  private static void server(TomlDocument.Table table, ServerSettings server) {
    table
        .put("bind_address", BIND_ALL)
        .put("port", server.port())
        .put("max_body_size_bytes", server.maxBodySizeBytes())
        .put("request_timeout_secs", server.requestTimeoutSecs())
        .put("query_timeout_secs", server.queryTimeoutSecs())
        .put("max_concurrent_queries", server.maxConcurrentQueries());
    TlsMode mode = server.tls().mode();
    if (mode != TlsMode.DISABLED) {
      table.put("tls_enabled", true);
      // With the operator CA each pod exports its own node-<i> paths; an empty path in the file
      // makes the server refuse to start rather than serve another member's certificate.
      if (mode != TlsMode.OPERATOR_CA) {
        table.put("tls_cert_path", ServerPaths.TLS_CERT_FILE).put("tls_key_path", ServerPaths.TLS_KEY_FILE);
      }
    }
  }

  private static void chdb(TomlDocument.Table table, ChdbSettings chdb) {
    table.put("session_data_path", chdb.sessionDataPath());
    chdb.poolSize().ifPresent(size -> table.put("pool_size", size));
    chdb.queryPoolSize().ifPresent(size -> table.put("query_pool_size", size));
    chdb.writePoolSize().ifPresent(size -> table.put("write_pool_size", size));
  }

  private static void limits(TomlDocument toml, LimitSettings limits) {
    toml.table("cardinality")
        .put("max_tag_values_per_measurement", limits.maxTagValuesPerMeasurement())
        .put("max_measurements_per_database", limits.maxMeasurementsPerDatabase());
    toml.table("statement_summary")
        .put("enabled", limits.statementSummaryEnabled())
        .put("max_entries", limits.statementSummaryMaxEntries());
    toml.table("hinted_handoff")
        .put("enabled", limits.hintedHandoffEnabled())
        .put("max_hints_per_peer", limits.maxHintsPerPeer())
        .put("max_hint_age_secs", limits.maxHintAgeSecs());
    toml.table("rate_limit")
        .put("enabled", limits.rateLimitEnabled())
        .put("max_requests_per_second", limits.maxRequestsPerSecond());
    TomlDocument.Table retention = toml.table("retention").put("enabled", limits.retentionEnabled());
    // Absent interval: the server's own 12h applies (the public docs' 60s is not what it does).
    limits.retentionInterval().ifPresent(interval -> retention.put("interval", interval));
  }

  private static void cluster(TomlDocument toml, ClusterSpec spec) {
    ClusterSettings cluster = spec.cluster();
    toml.table("cluster")
        // Part of the config hash on purpose: crossing 1<->N replicas must restart pod 0.
        .put("enabled", spec.clusterMode())
        // Membership is driven by the operator through the Raft leader; static peers are deprecated.
        .put("peers", "")
        .put("raft_dir", ServerPaths.RAFT_DIR)
        .put("replication_log_dir", ServerPaths.REPLICATION_LOG_DIR)
        .put("heartbeat_interval_secs", cluster.heartbeatIntervalSecs())
        .put("heartbeat_miss_threshold", cluster.heartbeatMissThreshold())
        .put("replication_max_retries", cluster.replicationMaxRetries())
        .put("replication_queue_depth", cluster.replicationQueueDepth())
        .put("replication_max_inflight_batches", cluster.replicationMaxInflightBatches())
        .put("replication_max_coalesce_body_bytes", cluster.replicationMaxCoalesceBodyBytes())
        .put("replicate_receiver_queue_depth", cluster.replicateReceiverQueueDepth())
        .put("replication_truncate_stale_peer_multiplier", cluster.replicationTruncateStalePeerMultiplier())
        // Always explicit: the server's own defaults (1000/1000) fail openraft's validation
        // (election timeout must exceed the heartbeat), so Raft would never start.
        .put("raft_heartbeat_interval_ms", cluster.raftHeartbeatIntervalMs())
        .put("raft_election_timeout_ms", cluster.raftElectionTimeoutMs())
        .put("raft_snapshot_threshold", cluster.raftSnapshotThreshold());
    // async is the server's default when the block is absent; ack_timeout_ms only matters for
    // sync_quorum, so the block is written only then.
    if (cluster.replicationMode() == ReplicationMode.SYNC_QUORUM) {
      toml.table("cluster.replication")
          .put("mode", cluster.replicationMode().wireValue())
          .put("ack_timeout_ms", cluster.ackTimeoutMs());
      cluster.minAcks().ifPresent(minAcks -> minAcks(toml.table("cluster.replication.sync_quorum"), minAcks));
    }
  }

  private static void minAcks(TomlDocument.Table table, String minAcks) {
    if (minAcks.chars().allMatch(Character::isDigit) && !minAcks.isEmpty()) {
      table.put("min_acks", Long.parseLong(minAcks));
    } else {
      table.put("min_acks", minAcks);
    }
  }
}
