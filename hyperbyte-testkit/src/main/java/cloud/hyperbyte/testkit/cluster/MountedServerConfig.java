package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.DatabaseOptions;
import cloud.hyperbyte.testkit.db.ReplicationMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few {@code config.toml} settings that change how a simulated member behaves, read from the file
 * a pod mounts: {@code [cluster] enabled}, {@code [cluster.replication] mode}, {@code [server] port}
 * and {@code [auth] enabled}. The server reads its file once at start, so a member follows the file as
 * it was when its pod started. Only the flat {@code key = value} lines the renderer writes are
 * understood. Auth is not part of the database's options: turning it on restarts the same member on
 * the same volume (its users kept), it does not make another database.
 */
record MountedServerConfig(Optional<Boolean> clusterEnabled, Optional<ReplicationMode> replicationMode,
    Optional<Integer> port, Optional<Boolean> authEnabled) {

  /** The name of the file in the config ConfigMap. */
  static final String FILE_NAME = "config.toml";

  /** No file: the options stay as configured. */
  static MountedServerConfig absent() {
    return new MountedServerConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static MountedServerConfig parse(String toml) {
    Map<String, String> values = new HashMap<>();
    String section = "";
    for (String raw : toml.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(section + "." + line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
      }
    }
    return new MountedServerConfig(
        Optional.ofNullable(values.get("cluster.enabled")).map(Boolean::parseBoolean),
        Optional.ofNullable(values.get("cluster.replication.mode"))
            .map(mode -> ReplicationMode.valueOf(mode.toUpperCase(Locale.ROOT))),
        Optional.ofNullable(values.get("server.port")).map(Integer::parseInt),
        Optional.ofNullable(values.get("auth.enabled")).map(Boolean::parseBoolean));
  }

  /** {@code options} with what this file sets. */
  DatabaseOptions applyTo(DatabaseOptions options) {
    DatabaseOptions applied = options;
    if (clusterEnabled.isPresent()) {
      applied = applied.withClusterEnabled(clusterEnabled.get());
    }
    if (replicationMode.isPresent()) {
      applied = applied.withReplicationMode(replicationMode.get());
    }
    if (port.isPresent() && port.get() != applied.port()) {
      DatabaseOptions o = applied;
      applied = new DatabaseOptions(o.clusterName(), o.namespace(), o.clusterDomain(), port.get(), o.clusterEnabled(),
          o.replicationMode(), o.auth(), o.startupDuration(), o.heartbeatInterval(), o.flushDuration(),
          o.drainAckTimeout(), o.drainAckPollInterval(), o.syncDuration(), o.walRetentionEntries());
    }
    return applied;
  }

  private static String unquote(String value) {
    int comment = value.startsWith("\"") ? -1 : value.indexOf(" #");
    String v = comment > 0 ? value.substring(0, comment).strip() : value;
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
