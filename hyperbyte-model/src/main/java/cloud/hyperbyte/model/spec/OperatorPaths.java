package cloud.hyperbyte.model.spec;

import java.util.List;

/** Paths and volume names inside database pods that belong to the operator. */
public final class OperatorPaths {

  /** Member volume: every data directory lives below it. */
  public static final String DATA_DIR = "/var/lib/hyperbytedb";
  /** Read-only config mount holding {@code config.toml}. */
  public static final String CONFIG_DIR = "/etc/hyperbytedb";
  /** Read-only TLS mount. */
  public static final String TLS_DIR = "/etc/hyperbytedb/tls";
  /** Writable scratch (the root filesystem is read-only). */
  public static final String TMP_DIR = "/tmp";
  /** Default chDB directory on the member volume. */
  public static final String CHDB_DIR = DATA_DIR + "/chdb";

  /** Server data directories the operator places on the member volume. */
  public static final List<String> SERVER_DATA_DIRS =
      List.of(DATA_DIR + "/wal", DATA_DIR + "/meta", DATA_DIR + "/raft", DATA_DIR + "/replication_log");

  /** Mount paths users may not mount over or under. */
  public static final List<String> RESERVED_MOUNT_PATHS = List.of(DATA_DIR, CONFIG_DIR, TMP_DIR);

  /** Volume names the operator uses in database pods. */
  public static final List<String> RESERVED_VOLUME_NAMES = List.of("data", "config", "tls", "tmp");

  /** Labels the operator selects its pods by; users cannot set them. */
  public static final List<String> RESERVED_LABELS =
      List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by");

  /** Annotation by which a HyperbytedbRestore holds a cluster at zero replicas. */
  public static final String RESTORE_HOLD_ANNOTATION = "hyperbytedb.hyperbyte.cloud/restore-hold";

  /**
   * Annotation on the HyperbytedbCluster that requests a rolling restart of the database members;
   * copied to their pod template, so every new value changes the template once.
   */
  public static final String RESTARTED_AT_ANNOTATION = "hyperbytedb.hyperbyte.cloud/restartedAt";

  private OperatorPaths() {}
}
