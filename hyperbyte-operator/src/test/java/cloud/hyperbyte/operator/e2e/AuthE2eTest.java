package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.db.SimulatedNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 4: {@code auth.enabled} with a credentials Secret. The database starts with no
 * users; the operator creates the admin user while auth is still off, then turns auth on (one restart,
 * reason config), and applies a password changed in the Secret with SET PASSWORD.
 */
class AuthE2eTest extends OperatorE2eTest {

  private static final String AUTH = """
      auth:
        enabled: true
        credentialsSecretName: hdb-admin
      """;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private void writeCredentials(String password) {
    user.resource(new SecretBuilder().withNewMetadata().withName("hdb-admin").withNamespace(NS).endMetadata()
        .withStringData(Map.of("username", "admin", "password", password)).build()).serverSideApply();
  }

  private SimulatedNode member() {
    return sim.database(NS, "hdb").orElseThrow().node(0);
  }

  /** {@code SHOW USERS} through {@code /query} as a client would send it, with or without credentials. */
  private int showUsers(Optional<String> password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + member().address() + "/query?q=SHOW+USERS"))
        .timeout(Duration.ofSeconds(5));
    password.ifPresent(p -> request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString(("admin:" + p).getBytes(StandardCharsets.UTF_8))));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void theAdminUserIsCreatedWhileAuthIsOffThenAuthIsOnAndOnlyTheSecretsCredentialsGetIn() throws Exception {
    writeCredentials("s3cret");
    create(Manifests.cluster("hdb", 1, AUTH));

    eventually().until(() -> member().authEnabled() && member().users().equals(Map.of("admin", true)));
    awaitRunning("hdb", 1);
    eventually().untilAsserted(() -> assertThat(showUsers(Optional.of("s3cret"))).isEqualTo(200));

    assertThat(showUsers(Optional.empty())).isEqualTo(401);
    assertThat(showUsers(Optional.of("wrong"))).isEqualTo(401);
    assertThat(condition("hdb", "AuthReady")).get().extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "CredentialsApplied");
    assertThat(events.withReason("hdb", "AdminUserCreated")).singleElement()
        .satisfies(e -> assertThat(e.message()).doesNotContain("s3cret"));
    assertThat(events.withReason("hdb", "MemberRestart")).singleElement()
        .satisfies(e -> assertThat(e.message()).endsWith("reason: config"));
    assertThat(user.secrets().inNamespace(NS).withName("hdb-auth-applied").get()).isNotNull();
  }

  @Test
  void aPasswordChangedInTheSecretIsAppliedWithSetPasswordWithoutARestart() throws Exception {
    writeCredentials("s3cret");
    create(Manifests.cluster("hdb", 1, AUTH));
    eventually().until(() -> member().authEnabled());
    awaitRunning("hdb", 1);
    eventually().untilAsserted(() -> assertThat(showUsers(Optional.of("s3cret"))).isEqualTo(200));
    int replacedBefore = history.replacements().size();

    writeCredentials("n3w'pass");

    eventually().untilAsserted(() -> assertThat(showUsers(Optional.of("n3w'pass"))).isEqualTo(200));
    assertThat(showUsers(Optional.of("s3cret"))).isEqualTo(401);
    assertThat(events.withReason("hdb", "AdminPasswordChanged")).singleElement()
        .satisfies(e -> assertThat(e.message()).doesNotContain("n3w").doesNotContain("s3cret"));
    assertThat(history.replacementsSince(replacedBefore)).as("restarts for a password change").isEmpty();
    eventually().untilAsserted(() -> assertThat(condition("hdb", "AuthReady")).get()
        .extracting(Condition::getStatus).isEqualTo("True"));
  }

  @Test
  void aMissingSecretLeavesAuthOffAndSaysWhatToCreate() throws Exception {
    create(Manifests.cluster("hdb", 1, AUTH));
    awaitRunning("hdb", 1);

    eventually().untilAsserted(() -> assertThat(condition("hdb", "AuthReady")).get()
        .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", "CredentialsSecretMissing"));
    assertThat(member().authEnabled()).isFalse();
    assertThat(condition("hdb", "AuthReady").get().getMessage())
        .contains("kubectl create secret generic hdb-admin -n " + NS);

    writeCredentials("s3cret");
    eventually().until(() -> member().authEnabled());
    eventually().untilAsserted(() -> assertThat(showUsers(Optional.of("s3cret"))).isEqualTo(200));
  }
}
