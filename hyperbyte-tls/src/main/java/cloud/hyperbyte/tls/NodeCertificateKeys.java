package cloud.hyperbyte.tls;

/**
 * The layout of the Secret {@code <name>-tls} that carries every node's certificate, and how a pod
 * picks its own from it. See the package documentation for the full design.
 */
public final class NodeCertificateKeys {

  /** The CA certificate, so clients in the pod can verify peers. */
  public static final String CA_CERT = "ca.crt";

  /** Where the Secret is mounted (read-only) in every HyperbyteDB container. */
  public static final String MOUNT_PATH = "/etc/hyperbytedb/tls";

  /** Server config override for the certificate path (env wins over config.toml). */
  public static final String CERT_PATH_ENV = "HYPERBYTEDB__SERVER__TLS_CERT_PATH";

  /** Server config override for the key path. */
  public static final String KEY_PATH_ENV = "HYPERBYTEDB__SERVER__TLS_KEY_PATH";

  private NodeCertificateKeys() {}

  /** {@code <clusterName>-tls} (type Opaque: it holds many certificates, not one). */
  public static String secretName(String clusterName) {
    return clusterName + "-tls";
  }

  /** {@code node-<ordinal>.crt}. */
  public static String certKey(int ordinal) {
    return "node-" + requireOrdinal(ordinal) + ".crt";
  }

  /** {@code node-<ordinal>.key}. */
  public static String keyKey(int ordinal) {
    return "node-" + requireOrdinal(ordinal) + ".key";
  }

  /**
   * POSIX {@code sh} lines for the start command, run before {@code exec}-ing the server: take the
   * ordinal from the StatefulSet pod name in {@code $HOSTNAME} (the text after the last dash) and
   * point the server at that node's certificate and key.
   */
  public static String shellExports() {
    return "ORDINAL=\"${HOSTNAME##*-}\"\n"
        + "export " + CERT_PATH_ENV + "=\"" + MOUNT_PATH + "/node-${ORDINAL}.crt\"\n"
        + "export " + KEY_PATH_ENV + "=\"" + MOUNT_PATH + "/node-${ORDINAL}.key\"\n";
  }

  private static int requireOrdinal(int ordinal) {
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative, got " + ordinal);
    }
    return ordinal;
  }
}
