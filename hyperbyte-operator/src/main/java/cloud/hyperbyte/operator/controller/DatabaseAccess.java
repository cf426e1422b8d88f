package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.operator.database.DatabaseConnection;
import cloud.hyperbyte.operator.database.DatabaseCredentials;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import cloud.hyperbyte.tls.NodeCertificateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * How to reach a cluster's members: HTTPS trusting the {@code ca.crt} of the Secret the members
 * mount when TLS is on, and the admin credentials the database has (the operator's record of what it
 * applied, {@code AppliedCredentials}; not the user's Secret, which may hold a password not applied
 * yet). Sent whenever known: a member running with auth off ignores them.
 */
final class DatabaseAccess {

  private DatabaseAccess() {}

  static DatabaseConnection connection(ClusterSpec spec, Optional<Secret> tlsSecret, Optional<AdminCredentials> applied) {
    boolean tls = spec.server().tls().mode() != TlsMode.DISABLED;
    Optional<String> ca = tls ? tlsSecret.flatMap(s -> SecretData.text(s, NodeCertificateKeys.CA_CERT)) : Optional.empty();
    return new DatabaseConnection(tls, ca, applied.map(DatabaseCredentials::of));
  }
}
