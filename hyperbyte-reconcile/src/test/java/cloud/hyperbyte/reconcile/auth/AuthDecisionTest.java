package cloud.hyperbyte.reconcile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ImmutableAuthSettings;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthDecisionTest {

  private static final AdminCredentials ADMIN = new AdminCredentials("admin", "s3cret");

  private static Scenario authOn() {
    return Scenario.running(1).spec(s -> s.withAuth(ImmutableAuthSettings.builder().enabled(true)
        .credentialsSecretName("db-admin").build()));
  }

  private static Optional<CredentialsSecret> secret(Map<String, String> data) {
    Map<String, String> encoded = new java.util.HashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withNewMetadata().withName("db-admin").endMetadata().withData(encoded).build();
    return Optional.of(CredentialsSecret.read("db-admin", Optional.of(secret)));
  }

  private static Optional<CredentialsSecret> admin(String password) {
    return secret(Map.of("username", "admin", "password", password));
  }

  @Nested
  class Bootstrap {

    @Test
    void theAdminUserIsCreatedWhileAuthIsStillOffInTheRenderedConfig() {
      ObservedCluster observed = authOn().build();

      AuthPlan plan = AuthDecision.decide(observed, admin("s3cret"), Optional.empty());

      assertThat(plan.action()).get().isEqualTo(
          new Action.ApplyAdminCredentials(observed.address(0), Optional.empty(), ADMIN, true));
      assertThat(plan.ready()).contains(false);
      assertThat(plan.message()).isEqualTo("Creating admin user admin while auth is still off; auth is turned on next.");
      assertThat(AuthDecision.specToRender(observed.spec(), Optional.empty()).auth().enabled()).isFalse();
    }

    @Test
    void onceTheCredentialsAreRecordedAsAppliedAuthIsRenderedOnAndNothingRunsAgain() {
      ObservedCluster observed = authOn().build();

      AuthPlan plan = AuthDecision.decide(observed, admin("s3cret"), Optional.of(ADMIN));

      assertThat(plan.action()).isEmpty();
      assertThat(plan.ready()).contains(true);
      assertThat(plan.reason()).isEqualTo("CredentialsApplied");
      assertThat(AuthDecision.specToRender(observed.spec(), Optional.of(ADMIN))).isSameAs(observed.spec());
    }

    @Test
    void aMemberThatIsNotServingIsWaitedFor() {
      AuthPlan plan = AuthDecision.decide(authOn().notReady(0).build(), admin("s3cret"), Optional.empty());

      assertThat(plan.action()).isEmpty();
      assertThat(plan.reason()).isEqualTo("WaitingForMember");
    }

    @Test
    void withAuthOffThereIsNoStepAndNoCondition() {
      AuthPlan plan = AuthDecision.decide(Scenario.running(1).build(), admin("s3cret"), Optional.empty());

      assertThat(plan).isEqualTo(AuthPlan.none());
    }
  }

  @Nested
  class PasswordChange {

    @Test
    void aNewPasswordIsSetAuthenticatedAsTheCredentialsAppliedBefore() {
      ObservedCluster observed = authOn().build();

      AuthPlan plan = AuthDecision.decide(observed, admin("n3w"), Optional.of(ADMIN));

      assertThat(plan.action()).get().isEqualTo(new Action.ApplyAdminCredentials(observed.address(0),
          Optional.of(ADMIN), new AdminCredentials("admin", "n3w"), false));
      assertThat(plan.message()).doesNotContain("n3w").doesNotContain("s3cret");
      assertThat(plan.action().get().event().message()).doesNotContain("n3w").doesNotContain("s3cret");
      assertThat(plan.action().get().toString()).doesNotContain("n3w").doesNotContain("s3cret");
    }

    @Test
    void aNewUsernameIsCreatedAndTheOldUserKept() {
      AuthPlan plan = AuthDecision.decide(authOn().build(), secret(Map.of("username", "root", "password", "s3cret")),
          Optional.of(ADMIN));

      assertThat(plan.action()).get().isInstanceOfSatisfying(Action.ApplyAdminCredentials.class,
          a -> assertThat(a.create()).isTrue());
      assertThat(plan.message()).contains("admin is kept");
    }
  }

  @Nested
  class UnusableSecret {

    @Test
    void aMissingSecretTouchesNothingAndSaysHowToCreateIt() {
      AuthPlan plan = AuthDecision.decide(authOn().build(),
          Optional.of(CredentialsSecret.read("db-admin", Optional.empty())), Optional.empty());

      assertThat(plan.action()).isEmpty();
      assertThat(plan.ready()).contains(false);
      assertThat(plan.reason()).isEqualTo("CredentialsSecretMissing");
      assertThat(plan.message()).startsWith("Secret prod/db-admin (spec.auth.credentialsSecretName) does not exist")
          .contains("kubectl create secret generic db-admin").endsWith("the server has no way to create its first"
              + " user once auth is on.");
    }

    @Test
    void aSecretWithoutAPasswordOrWithATrailingNewlineIsMalformed() {
      AuthPlan noPassword = AuthDecision.decide(authOn().build(), secret(Map.of("username", "admin")),
          Optional.of(ADMIN));
      AuthPlan newline = AuthDecision.decide(authOn().build(), admin("s3cret\n"), Optional.of(ADMIN));

      assertThat(noPassword.reason()).isEqualTo("CredentialsSecretInvalid");
      assertThat(noPassword.message()).contains("cannot be used: it has no key password")
          .endsWith("Auth stays on with the credentials applied before (admin user admin).");
      assertThat(newline.message()).contains("its key password holds a control character (a trailing newline?)");
      assertThat(newline.action()).isEmpty();
    }
  }
}
