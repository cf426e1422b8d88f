package cloud.hyperbyte.operator.database;

import java.util.Objects;
import java.util.Optional;

/**
 * How to talk to one cluster's members: HTTPS when the server has TLS on (trusting the cluster's CA
 * when one is given, the JVM's trust store otherwise), and the admin credentials when auth is on.
 *
 * @param tls whether members serve HTTPS only
 * @param caCertificatePem PEM of the CA that signed the members' certificates
 * @param credentials admin user for {@code /cluster/*} and {@code /internal/*}
 */
public record DatabaseConnection(boolean tls, Optional<String> caCertificatePem, Optional<DatabaseCredentials> credentials) {

  public DatabaseConnection {
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** Plain HTTP without auth: the default cluster. */
  public static DatabaseConnection plain() {
    return new DatabaseConnection(false, Optional.empty(), Optional.empty());
  }

  String scheme() {
    return tls ? "https" : "http";
  }
}
