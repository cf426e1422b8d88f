package cloud.hyperbyte.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static cloud.hyperbyte.testkit.kube.Fixtures.claim;
import static cloud.hyperbyte.testkit.kube.Fixtures.claimPod;
import static cloud.hyperbyte.testkit.kube.Fixtures.memberConfig;
import static cloud.hyperbyte.testkit.kube.Fixtures.memberStatefulSet;
import static cloud.hyperbyte.testkit.kube.Fixtures.secretPod;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.kube.StatefulSetSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated kubelet of run-to-completion pods next to members: addresses, shared volumes, new claims. */
class RunToCompletionPodsTest {

  private static final String WRITER = "writer:1";
  private static final String HELD = "held:1";
  private static final String READER = "reader:1";

  private final CountDownLatch release = new CountDownLatch(1);
  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.builder()
        .containerProgram(WRITER::equals, invocation -> {
          ContainerFiles.Resolved target = invocation.files().resolve("/data/seeded");
          target.mount().write(target.relative(), "restored".getBytes(StandardCharsets.UTF_8));
          return new ExecResult(0, new byte[0], "", "");
        })
        .containerProgram(READER::equals, invocation -> {
          ContainerFiles.Resolved cert = invocation.files().resolve("/etc/tls/tls.crt");
          String listing = String.join(",", invocation.files().resolve("/etc/tls").mount().list(""));
          try {
            cert.mount().write("planted", new byte[1]);
            return new ExecResult(1, new byte[0], "", "the mount took a write");
          } catch (java.io.IOException readOnly) {
            return new ExecResult(0, (listing + " " + new String(cert.mount().read(cert.relative()), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), "", "");
          }
        })
        .containerProgram(HELD::equals, invocation -> {
          release.await();
          return new ExecResult(0, new byte[0], "", "");
        })
        .start();
    client = cluster.client();
    client.configMaps().resource(memberConfig("hdb", "[server]\nport = 8086\n\n[cluster]\nenabled = false\n")).create();
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 1)).create();
    await().until(() -> cluster.memberReady(NS, "hdb-0"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    cluster.close();
  }

  @Test
  void aRunningPodHasAnAddressAndKeepsItWhenItEnds() {
    client.pods().resource(claimPod("runner", WRITER, "data-hdb-0", StatefulSetSimulator.NODE_PREFIX + "0")).create();

    Pod done = awaitPhase("runner", "Succeeded");

    assertThat(done.getStatus().getPodIP()).matches("10\\.0\\.\\d+\\.\\d+");
  }

  @Test
  void aPodWritingAMembersClaimBeforeTheMemberEverRanLeavesTheVolumeTheMemberStartsOn() throws Exception {
    client.persistentVolumeClaims().resource(claim("data-hdb-1")).create();
    client.pods().resource(claimPod("seed-target", WRITER, "data-hdb-1", null)).create();
    awaitPhase("seed-target", "Succeeded");

    client.apps().statefulSets().inNamespace(NS).withName("hdb").scale(2);

    await().until(() -> cluster.memberReady(NS, "hdb-1"));
    assertThat(cluster.member(NS, "hdb-1").orElseThrow().volume().read("seeded")).asString(StandardCharsets.UTF_8)
        .isEqualTo("restored");
  }

  @Test
  void podsPinnedToTheMembersNodeByAffinityOrByNameShareItsReadWriteOnceVolume() {
    String node = StatefulSetSimulator.NODE_PREFIX + "0";
    Pod byAffinity = claimPod("backup", HELD, "data-hdb-0", null);
    byAffinity.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchField()
        .withKey("metadata.name").withOperator("In").withValues(node).endMatchField().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
    client.pods().resource(byAffinity).create();
    awaitPhase("backup", "Running");

    client.pods().resource(claimPod("seed-source", WRITER, "data-hdb-0", node)).create();

    awaitPhase("seed-source", "Succeeded");
    assertThat(client.pods().inNamespace(NS).withName("backup").get().getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aSecretVolumeHoldsTheListedKeysAsReadOnlyFilesAndAMissingKeyFailsThePod() {
    client.secrets().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("tls")
        .withNamespace(NS).endMetadata().addToStringData("tls.crt", "CERT").addToStringData("tls.key", "KEY")
        .addToStringData("ca.crt", "CA").build()).create();
    client.pods().resource(secretPod("listed", READER, "tls", "tls.crt", "tls.key")).create();
    client.pods().resource(secretPod("missing", READER, "tls", "tls.crt", "other.key")).create();

    awaitPhase("listed", "Succeeded");
    Pod missing = awaitPhase("missing", "Failed");

    assertThat(cluster.containerLogs(NS, "listed", "main")).hasValue("tls.crt,tls.key CERT");
    assertThat(missing.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
        .contains("couldn't find key other.key in Secret tls");
  }

  private Pod awaitPhase(String name, String phase) {
    return await().until(() -> client.pods().inNamespace(NS).withName(name).get(),
        pod -> pod.getStatus() != null && phase.equals(pod.getStatus().getPhase()));
  }
}
