package cloud.hyperbyte.render.config;

import cloud.hyperbyte.model.spec.ClusterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Env of the database container that keeps config.toml authoritative. The stock image bakes
 * {@code HYPERBYTEDB__*} variables (data dirs, log level) and env beats the file, so the operator
 * sets the same variables to the values it rendered into the file.
 */
public final class ServerEnvironment {

  public static final String PREFIX = "HYPERBYTEDB__";
  public static final String NODE_ID = PREFIX + "CLUSTER__NODE_ID";
  public static final String CLUSTER_ADDR = PREFIX + "CLUSTER__CLUSTER_ADDR";
  public static final String TLS_CERT_PATH = PREFIX + "SERVER__TLS_CERT_PATH";
  public static final String TLS_KEY_PATH = PREFIX + "SERVER__TLS_KEY_PATH";

  private ServerEnvironment() {}

  /** Variables that override the image's baked env with the rendered values, in a fixed order. */
  public static Map<String, String> imageOverrides(ClusterSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PREFIX + "STORAGE__WAL_DIR", ServerPaths.WAL_DIR);
    env.put(PREFIX + "STORAGE__META_DIR", ServerPaths.META_DIR);
    env.put(PREFIX + "CHDB__SESSION_DATA_PATH", spec.chdb().sessionDataPath());
    env.put(PREFIX + "CLUSTER__RAFT_DIR", ServerPaths.RAFT_DIR);
    env.put(PREFIX + "CLUSTER__REPLICATION_LOG_DIR", ServerPaths.REPLICATION_LOG_DIR);
    env.put(PREFIX + "LOGGING__LEVEL", spec.logging().level().wireValue());
    return Collections.unmodifiableMap(env);
  }
}
