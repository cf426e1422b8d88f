package cloud.hyperbyte.reconcile.auth;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableAuthSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.RollingUpgradeDecision;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.Optional;

/**
 * Database auth (contract §6.2): the server has no first-admin mechanism, so the operator creates the
 * admin user of the credentials Secret while auth is still off, records the credentials it applied
 * ({@link AppliedCredentials}), and only then renders {@code [auth] enabled = true}; the config change
 * restarts the member like any other (reason {@code config}). A password (or username) changed in the
 * Secret is applied with {@code SET PASSWORD} (or {@code CREATE USER}), authenticated as the
 * credentials applied before. A missing or unusable Secret touches nothing and says so in
 * {@code AuthReady}. Auth with more than one member is refused by the spec check (peers send no
 * credentials), so the statements go to the one member, through the leader when there is one.
 */
public final class AuthDecision {

  public static final String CONDITION = "AuthReady";

  private AuthDecision() {}

  /**
   * The spec the cluster is rendered from: auth stays off in the config until the admin user exists
   * (the operator's record of applied credentials is there); turning it on earlier would lock
   * everyone out, the operator included.
   */
  public static ClusterSpec specToRender(ClusterSpec spec, Optional<AdminCredentials> applied) {
    if (!spec.auth().enabled() || applied.isPresent()) {
      return spec;
    }
    return ImmutableClusterSpec.copyOf(spec)
        .withAuth(ImmutableAuthSettings.copyOf(spec.auth()).withEnabled(false));
  }

  /**
   * This pass's auth step.
   *
   * @param secret the user's credentials Secret; ignored with auth off
   * @param applied the credentials the database has, as the operator recorded them
   */
  public static AuthPlan decide(ObservedCluster observed, Optional<CredentialsSecret> secret,
      Optional<AdminCredentials> applied) {
    ClusterSpec spec = observed.spec();
    if (!spec.auth().enabled() || secret.isEmpty()) {
      return AuthPlan.none();
    }
    String where = "Secret " + spec.namespace() + "/";
    String keep = applied.isPresent()
        ? " Auth stays on with the credentials applied before (admin user " + applied.get().username() + ")."
        : " Auth stays off until it is usable: the server has no way to create its first user once auth is on.";
    if (secret.get() instanceof CredentialsSecret.Missing missing) {
      return AuthPlan.waiting("CredentialsSecretMissing", where + missing.name() + " (spec.auth.credentialsSecretName)"
          + " does not exist. Create it with keys username and password, e.g. kubectl create secret generic "
          + missing.name() + " -n " + spec.namespace() + " --from-literal=username=admin --from-literal=password=…."
          + keep);
    }
    if (secret.get() instanceof CredentialsSecret.Malformed malformed) {
      return AuthPlan.waiting("CredentialsSecretInvalid", where + malformed.name() + " cannot be used: "
          + malformed.problem() + ". It needs non-empty keys username and password." + keep);
    }
    AdminCredentials wanted = ((CredentialsSecret.Present) secret.get()).credentials();
    if (applied.equals(Optional.of(wanted))) {
      return AuthPlan.ready("CredentialsApplied", "Admin user " + wanted.username() + " exists with the password of "
          + where + secret.get().name() + "; the members run with auth on once they restarted into the config"
          + " that enables it.");
    }
    MemberAddress member = observed.leaderAddress().orElse(observed.address(0));
    boolean create = applied.isEmpty() || !applied.get().username().equals(wanted.username());
    String step = applied.isEmpty()
        ? "Creating admin user " + wanted.username() + " while auth is still off; auth is turned on next"
        : create ? "Creating admin user " + wanted.username() + " (the username in the Secret changed; "
            + applied.get().username() + " is kept)"
        : "Applying the new password of admin user " + wanted.username() + " (SET PASSWORD)";
    if (observed.statefulSetReplicas() < 1 || !RollingUpgradeDecision.back(observed, member.ordinal())) {
      return AuthPlan.waiting("WaitingForMember", step + " once " + member.podName()
          + " is Ready and Active.");
    }
    return AuthPlan.acting(new Action.ApplyAdminCredentials(member, applied, wanted, create), "CredentialsApplying",
        step + ".");
  }
}
