package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated database is set up: the names that make up pod names and cluster addresses, the
 * server settings that change behaviour, and the simulated durations of slow server work.
 *
 * @param clusterName the HyperbyteDB resource name; pods are {@code <clusterName>-<ordinal>}
 * @param namespace the namespace, part of the cluster address
 * @param clusterDomain the cluster DNS domain, part of the cluster address
 * @param port the server port in the cluster address (the simulated listener uses an ephemeral port)
 * @param clusterEnabled {@code [cluster] enabled}; when off the {@code /cluster/*} and
 *     {@code /internal/*} routes answer 404 and there is no drain
 * @param replicationMode {@code [cluster.replication] mode}
 * @param auth {@code [auth]} and its users
 * @param startupDuration time from process start to the listener binding (startup sync, Raft start)
 * @param heartbeatInterval {@code heartbeat_interval_secs}: period of the peer probes
 * @param flushDuration how long a drain's full WAL flush takes
 * @param drainAckTimeout how long a drain waits for Active peers' WAL acks (90 s in the server)
 * @param drainAckPollInterval how often it checks them (2 s in the server)
 * @param syncDuration how long a triggered sync takes
 * @param walRetentionEntries how many WAL entries a member keeps after a flush in cluster mode
 *     ({@code MAX_WAL_RETENTION_ENTRIES}, 500,000 in the server; standalone keeps none). Only kept
 *     entries reach a joining member (contract top finding 5), so tests that need flushed history to
 *     be gone from the WAL lower it.
 */
public record DatabaseOptions(
    String clusterName,
    String namespace,
    String clusterDomain,
    int port,
    boolean clusterEnabled,
    ReplicationMode replicationMode,
    AuthSettings auth,
    Duration startupDuration,
    Duration heartbeatInterval,
    Duration flushDuration,
    Duration drainAckTimeout,
    Duration drainAckPollInterval,
    Duration syncDuration,
    long walRetentionEntries) {

  /** The server's {@code MAX_WAL_RETENTION_ENTRIES}. */
  public static final long SERVER_WAL_RETENTION_ENTRIES = 500_000;

  public DatabaseOptions {
    if (walRetentionEntries < 0) {
      throw new IllegalArgumentException("walRetentionEntries must not be negative");
    }
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(replicationMode, "replicationMode");
    Objects.requireNonNull(auth, "auth");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(drainAckPollInterval, "drainAckPollInterval");
    requireNotNegative(startupDuration, "startupDuration");
    requireNotNegative(flushDuration, "flushDuration");
    requireNotNegative(drainAckTimeout, "drainAckTimeout");
    requireNotNegative(syncDuration, "syncDuration");
  }

  /** The server's defaults: cluster mode, async replication, auth off, instant startup and flush. */
  public static DatabaseOptions defaults(String clusterName, String namespace) {
    return new DatabaseOptions(clusterName, namespace, "cluster.local", 8086, true, ReplicationMode.ASYNC,
        AuthSettings.disabled(), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(90),
        Duration.ofSeconds(2), Duration.ofSeconds(1), SERVER_WAL_RETENTION_ENTRIES);
  }

  public DatabaseOptions withClusterDomain(String domain) {
    return new DatabaseOptions(clusterName, namespace, domain, port, clusterEnabled, replicationMode, auth,
        startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withClusterEnabled(boolean enabled) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, enabled, replicationMode, auth,
        startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withReplicationMode(ReplicationMode mode) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, mode, auth,
        startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withAuth(AuthSettings settings) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode,
        settings, startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval,
        syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withStartupDuration(Duration duration) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode, auth,
        duration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withFlushDuration(Duration duration) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode, auth,
        startupDuration, heartbeatInterval, duration, drainAckTimeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withDrainAckTimeout(Duration timeout) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode, auth,
        startupDuration, heartbeatInterval, flushDuration, timeout, drainAckPollInterval, syncDuration, walRetentionEntries);
  }

  public DatabaseOptions withSyncDuration(Duration duration) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode, auth,
        startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, duration, walRetentionEntries);
  }

  public DatabaseOptions withWalRetentionEntries(long entries) {
    return new DatabaseOptions(clusterName, namespace, clusterDomain, port, clusterEnabled, replicationMode, auth,
        startupDuration, heartbeatInterval, flushDuration, drainAckTimeout, drainAckPollInterval, syncDuration,
        entries);
  }

  /** {@code <clusterName>-<ordinal>}, the StatefulSet pod name. */
  public String podName(int ordinal) {
    return clusterName + "-" + ordinal;
  }

  /** {@code <pod>.<clusterName>-headless.<ns>.svc.<domain>:<port>}, the {@code cluster_addr} of a member. */
  public String clusterAddress(int ordinal) {
    return podName(ordinal) + "." + clusterName + "-headless." + namespace + ".svc." + clusterDomain + ":" + port;
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requireNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
