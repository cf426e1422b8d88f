package cloud.hyperbyte.tls;

/**
 * The operator-owned Secret {@code <name>-ca} that keeps the CA so node certificates can be issued
 * and renewed later. Never mounted into pods.
 */
public final class CaSecretKeys {

  /** The CA certificate, PEM. */
  public static final String CA_CERT = "ca.crt";

  /** The CA private key, PKCS#8 PEM. */
  public static final String CA_KEY = "ca.key";

  private CaSecretKeys() {}

  /** {@code <clusterName>-ca}. */
  public static String secretName(String clusterName) {
    return clusterName + "-ca";
  }
}
