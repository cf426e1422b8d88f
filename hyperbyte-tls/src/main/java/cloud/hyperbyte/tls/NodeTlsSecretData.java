package cloud.hyperbyte.tls;

import cloud.hyperbyte.tls.issue.NodeCertificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the data of the {@code <name>-tls} Secret: {@code ca.crt} first, then {@code
 * node-<i>.crt} and {@code node-<i>.key} by ascending ordinal. Works on PEM bytes so unchanged
 * nodes keep their stored material byte for byte.
 */
public final class NodeTlsSecretData {

  private final byte[] caCertificatePem;
  private final TreeMap<Integer, NodePem> nodes = new TreeMap<>();

  private NodeTlsSecretData(byte[] caCertificatePem) {
    this.caCertificatePem = caCertificatePem.clone();
  }

  /** Starts a Secret for the given CA certificate. */
  public static NodeTlsSecretData withCa(byte[] caCertificatePem) {
    return new NodeTlsSecretData(caCertificatePem);
  }

  /** Sets node {@code ordinal}'s certificate and key PEM (replacing earlier ones). */
  public NodeTlsSecretData node(int ordinal, byte[] certificatePem, byte[] privateKeyPem) {
    NodeCertificateKeys.certKey(ordinal); // validates the ordinal
    nodes.put(ordinal, new NodePem(certificatePem.clone(), privateKeyPem.clone()));
    return this;
  }

  /** Sets node {@code ordinal}'s freshly issued certificate. */
  public NodeTlsSecretData node(int ordinal, NodeCertificate certificate) {
    return node(ordinal, certificate.certificatePem(), certificate.privateKeyPem());
  }

  /** The Secret data, in a deterministic order, unmodifiable. */
  public Map<String, byte[]> build() {
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put(NodeCertificateKeys.CA_CERT, caCertificatePem.clone());
    nodes.forEach(
        (ordinal, pem) -> {
          data.put(NodeCertificateKeys.certKey(ordinal), pem.certificate().clone());
          data.put(NodeCertificateKeys.keyKey(ordinal), pem.privateKey().clone());
        });
    return Collections.unmodifiableMap(data);
  }

  private record NodePem(byte[] certificate, byte[] privateKey) {}
}
