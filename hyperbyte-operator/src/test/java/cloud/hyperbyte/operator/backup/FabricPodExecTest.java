package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exec adapter against fabric8's mock server in expectation mode: the simulated API of
 * hyperbyte-testkit (CRUD mode) cannot exec into pods, so each exec answer is scripted here as
 * the API server's WebSocket frames (stdout, stderr, status channel).
 */
class FabricPodExecTest {

  private static final String EXEC_PATH = "/api/v1/namespaces/db/pods/db-1/exec?command=tar&command=-cf"
      + "&command=-&container=hyperbytedb&stdout=true&stderr=true";

  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;
  private FabricPodExec exec;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    exec = new FabricPodExec(client, Duration.ofMinutes(1));
  }

  /** fabric8 reads the pod before it execs (it waits for a pod that is not yet running). */
  private void runningPod() {
    Pod pod = new PodBuilder().withNewMetadata().withName("db-1").withNamespace("db").withResourceVersion("1")
        .endMetadata().withNewSpec().addNewContainer().withName("hyperbytedb").endContainer().endSpec()
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    server.expect().get().withPath("/api/v1/namespaces/db/pods/db-1").andReturn(200, pod).always();
    server.expect().get().withPath("/api/v1/namespaces/db/pods?fieldSelector=metadata.name%3Ddb-1")
        .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
            .withItems(pod).build()).always();
  }

  @AfterEach
  void stop() {
    exec.close();
    client.close();
    server.destroy();
  }

  @Test
  void streamsStdoutAndReportsTheExitCode() throws Exception {
    runningPod();
    server.expect().withPath(EXEC_PATH).andUpgradeToWebSocket().open()
        .waitFor(50).andEmit(new OutputStreamMessage("first part,"))
        .waitFor(50).andEmit(new OutputStreamMessage("second part"))
        .waitFor(50).andEmit(new StatusMessage(0))
        .done().once();

    try (RemoteProcess process = exec.start("db", "db-1", "hyperbytedb", List.of("tar", "-cf", "-"))) {
      String stdout = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(stdout).isEqualTo("first part,second part");
      assertThat(process.awaitExit(Duration.ofSeconds(10))).isZero();
    }
  }

  /** The status frame a real API server sends for a non-zero exit. */
  private static Status exitStatus(int code) {
    return new StatusBuilder().withStatus("Failure").withReason("NonZeroExitCode")
        .withMessage("command terminated with non-zero exit code: exit status " + code)
        .withNewDetails().addNewCause().withReason("ExitCode").withMessage(Integer.toString(code)).endCause()
        .endDetails().build();
  }

  @Test
  void aFailingCommandGivesItsExitCodeAndTheTailOfStderr() throws Exception {
    runningPod();
    server.expect().withPath(EXEC_PATH).andUpgradeToWebSocket().open()
        .waitFor(50).andEmit(new ErrorStreamMessage("tar: ./chdb/store: file changed as we read it\n"))
        .waitFor(50).andEmit(new StatusMessage(exitStatus(2)))
        .done().once();

    try (RemoteProcess process = exec.start("db", "db-1", "hyperbytedb", List.of("tar", "-cf", "-"))) {
      process.stdout().readAllBytes();
      assertThat(process.awaitExit(Duration.ofSeconds(10))).isEqualTo(2);
      assertThat(process.stderrTail()).isEqualTo("tar: ./chdb/store: file changed as we read it");
    }
  }

  @Test
  void aConnectionThatClosesWithoutAnExitStatusIsAPodExecException() throws Exception {
    runningPod();
    server.expect().withPath(EXEC_PATH).andUpgradeToWebSocket().open()
        .waitFor(50).andEmit(new OutputStreamMessage("partial"))
        .done().once(); // the API server closes the socket: no status frame

    try (RemoteProcess process = exec.start("db", "db-1", "hyperbytedb", List.of("tar", "-cf", "-"))) {
      process.stdout().readAllBytes();
      assertThatThrownBy(() -> process.awaitExit(Duration.ofSeconds(10)))
          .isInstanceOf(PodExecException.class)
          .hasMessage("exec connection to db-1 closed before the command's exit status arrived");
    }
  }

  @Test
  void anExecOnAPodThatIsGoneIsAPodExecException() {
    // nothing expected: the API server answers 404, as for a pod that is gone
    assertThatThrownBy(() -> exec.start("db", "db-1", "hyperbytedb", List.of("tar", "-cf", "-")))
        .isInstanceOf(PodExecException.class)
        .hasMessageContaining("cannot exec in db/db-1 container hyperbytedb");
  }

  @Test
  void stderrKeepsOnlyItsTail() {
    StderrTail tail = new StderrTail(8);
    tail.write("0123456789abcdef".getBytes(StandardCharsets.UTF_8), 0, 16);
    tail.write('!');
    assertThat(tail.toString()).isEqualTo("…9abcdef!");
  }
}
