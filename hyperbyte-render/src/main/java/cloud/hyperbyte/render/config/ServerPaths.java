package cloud.hyperbyte.render.config;

import cloud.hyperbyte.model.spec.OperatorPaths;

/**
 * Where the server finds its files inside a database pod. All five data directories live on the
 * member volume: the image's own env sets four of them, and the fifth ({@code replication_log_dir})
 * would otherwise resolve to {@code /replication_log}, outside the volume (contract §0.2).
 */
public final class ServerPaths {

  public static final String WAL_DIR = OperatorPaths.DATA_DIR + "/wal";
  public static final String META_DIR = OperatorPaths.DATA_DIR + "/meta";
  public static final String RAFT_DIR = OperatorPaths.DATA_DIR + "/raft";
  public static final String REPLICATION_LOG_DIR = OperatorPaths.DATA_DIR + "/replication_log";

  /** Key of the config file in the ConfigMap, and its file name in the config mount. */
  public static final String CONFIG_FILE_NAME = "config.toml";

  public static final String CONFIG_FILE = OperatorPaths.CONFIG_DIR + "/" + CONFIG_FILE_NAME;

  /** Certificate and key in a {@code kubernetes.io/tls} Secret (user Secret, cert-manager). */
  public static final String TLS_CERT_FILE = OperatorPaths.TLS_DIR + "/tls.crt";

  public static final String TLS_KEY_FILE = OperatorPaths.TLS_DIR + "/tls.key";

  private ServerPaths() {}

  /**
   * The operator CA's per-member certificate in shell syntax: the Secret holds {@code node-<i>.crt}
   * for every ordinal and each pod picks its own at start, since a StatefulSet has one template.
   */
  public static String nodeCertFile(String ordinalExpression) {
    return OperatorPaths.TLS_DIR + "/node-" + ordinalExpression + ".crt";
  }

  /** The per-member key matching {@link #nodeCertFile(String)}. */
  public static String nodeKeyFile(String ordinalExpression) {
    return OperatorPaths.TLS_DIR + "/node-" + ordinalExpression + ".key";
  }
}
