package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.operator.database.DatabaseConnection;
import cloud.hyperbyte.operator.database.DatabaseCredentials;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import cloud.hyperbyte.tls.NodeCertificateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How to reach a cluster's members: HTTPS trusting the {@code ca.crt} of the Secret the members
 * mount when TLS is on, and the admin credentials from the auth Secret ({@code username},
 * {@code password}) when auth is on.
 */
final class DatabaseAccess {

  static final String USERNAME_KEY = "username";
  static final String PASSWORD_KEY = "password";

  private DatabaseAccess() {}

  /**
   * @param secrets reads a Secret by namespace and name (cache for operator-written Secrets, a GET for the user's)
   */
  static DatabaseConnection connection(ClusterSpec spec, Optional<Secret> tlsSecret,
      BiFunction<String, String, Optional<Secret>> secrets) {
    boolean tls = spec.server().tls().mode() != TlsMode.DISABLED;
    Optional<String> ca = tls ? tlsSecret.flatMap(s -> SecretData.text(s, NodeCertificateKeys.CA_CERT)) : Optional.empty();
    Optional<DatabaseCredentials> credentials = Optional.empty();
    if (spec.auth().enabled() && spec.auth().credentialsSecretName().isPresent()) {
      Optional<Secret> secret = secrets.apply(spec.namespace(), spec.auth().credentialsSecretName().get());
      Optional<String> user = secret.flatMap(s -> SecretData.text(s, USERNAME_KEY));
      Optional<String> password = secret.flatMap(s -> SecretData.text(s, PASSWORD_KEY));
      if (user.isPresent() && password.isPresent()) {
        credentials = Optional.of(new DatabaseCredentials(user.get(), password.get()));
      }
    }
    return new DatabaseConnection(tls, ca, credentials);
  }
}
