package cloud.hyperbyte.reconcile.auth;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's own Secret ({@link ClusterNames#appliedCredentialsSecret()}, owned by the cluster)
 * with the admin credentials the database has: written only after the database accepted them. It is
 * what the operator authenticates with, so a password changed in the user's Secret can still be
 * applied (with the old one), and its presence says the admin user exists, so auth may be turned on.
 */
public final class AppliedCredentials {

  private AppliedCredentials() {}

  /** The credentials in the operator's Secret, if it exists and holds both keys. */
  public static Optional<AdminCredentials> read(Optional<Secret> secret) {
    return secret.flatMap(s -> SecretData.text(s, CredentialsSecret.USERNAME_KEY)
        .flatMap(user -> SecretData.text(s, CredentialsSecret.PASSWORD_KEY)
            .map(password -> new AdminCredentials(user, password))));
  }

  /** The operator's Secret holding {@code credentials}. */
  public static Secret secret(ClusterSpec spec, AdminCredentials credentials) {
    return new SecretBuilder()
        .withMetadata(ObjectMetadata.of(spec, ClusterNames.of(spec).appliedCredentialsSecret(),
            ClusterLabels.common(spec)))
        .withType("Opaque")
        .withData(SecretData.encode(Map.of(
            CredentialsSecret.USERNAME_KEY, credentials.username().getBytes(StandardCharsets.UTF_8),
            CredentialsSecret.PASSWORD_KEY, credentials.password().getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
