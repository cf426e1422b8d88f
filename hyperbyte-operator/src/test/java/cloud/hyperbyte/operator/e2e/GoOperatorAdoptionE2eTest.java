package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Adoption in place (issue 16, item 1): a three-member cluster made of the Go operator's objects
 * (fixtures in {@code go-operator/adoption}), with Raft formed and data written, is taken over by this
 * operator: its StatefulSet replaced without stopping a pod, each member restarted exactly once into
 * this operator's template (reason {@code adoption}, the leader last), no PVC deleted, every point
 * kept, the Go finalizer gone, the Go proxy kept and named, and deletion then completes.
 */
class GoOperatorAdoptionE2eTest extends OperatorE2eTest {

  private static final String GO_FINALIZER = "hyperbytedb.hyperbyte.cloud/finalizer";
  private static final List<String> POINTS = GoOperatorCluster.POINTS;
  private static final Pattern RESTART = Pattern.compile("(\\S+): Restarting pod \\1 on revision \\S+; (.*)");

  private GoOperatorCluster go;

  @Override
  OperatorProcess startOperator() {
    go = new GoOperatorCluster(sim, user);
    return null; // the Go operator's cluster runs first
  }

  @Test
  void aGoOperatorClusterIsAdoptedWithOneRestartPerMemberAndNothingLost() throws Exception {
    StatefulSet goStatefulSet = go.createThreeMembers("hdb");
    Map<String, String> claims = claimUids();
    long leader = sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow().leader().orElseThrow();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      operator = OperatorProcess.start(sim);
      eventually().untilAsserted(() -> assertThat(history.replacements()).hasSizeGreaterThanOrEqualTo(3));
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    StatefulSet adopted = user.apps().statefulSets().inNamespace(NS).withName("hdb").get();
    assertThat(adopted.getMetadata().getUid()).isNotEqualTo(goStatefulSet.getMetadata().getUid());
    assertThat(adopted.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(events.withReason("hdb", "StatefulSetReplacing")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("spec.podManagementPolicy", "spec.volumeClaimTemplates"));

    List<String> restarted = history.replacements();
    assertThat(restarted).as("exactly one restart per member, the leader last").hasSize(3).doesNotHaveDuplicates()
        .endsWith("hdb-" + (leader - 1));
    List<String> announced = events.withReason("hdb", "MemberRestart").stream().map(EventLog.Recorded::message).toList();
    assertThat(announced).extracting(GoOperatorAdoptionE2eTest::reasons).containsExactly(
        "reason: adoption", "reason: adoption", "reason: adoption");
    for (String pod : restarted) {
      assertThat(pod(pod).getSpec().getInitContainers()).as(pod + " runs this operator's template").isEmpty();
    }

    assertThat(claimUids()).as("no PVC deleted or replaced").isEqualTo(claims);
    assertThat(members()).hasSize(3).allSatisfy(m -> assertThat(m.points()).as(m.podName()).isEqualTo(POINTS));
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);

    assertThat(cluster("hdb").getMetadata().getFinalizers()).doesNotContain(GO_FINALIZER);
    assertThat(events.withReason("hdb", "GoFinalizerRemoved")).hasSize(1);
    PodDisruptionBudget budget = user.policy().v1().podDisruptionBudget().inNamespace(NS).withName("hdb-pdb").get();
    assertThat(budget.getSpec().getMinAvailable()).isNull();
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(user.apps().deployments().inNamespace(NS).withName("hdb-proxy").get())
        .as("the Go operator's proxy is not pruned while spec.proxy is omitted").isNotNull();
    assertThat(condition("hdb", "Degraded")).hasValueSatisfying(c -> {
      assertThat(c.getReason()).isEqualTo("GoOperatorProxyKept");
      assertThat(c.getMessage()).contains("spec.proxy.enabled: true");
    });

    user.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").delete();
    eventually().until(() -> cluster("hdb") == null);
    eventually().until(() -> user.apps().statefulSets().inNamespace(NS).withName("hdb").get() == null);
    assertThat(claimUids()).as("member volumes outlive the cluster, as with the Go operator").isEqualTo(claims);
  }

  @Test
  void aSingleMemberWithTheGoOperatorsTlsSecretGetsThisOperatorsCertificatesBeforeItsOneRestart() throws Exception {
    go.createObjects("hdbt");
    eventually().until(() -> sim.member(NS, "hdbt-0").map(SimulatedNode::isListening).orElse(false));
    assertThat(go.post("hdbt-0", "/write?db=metrics", String.join("\n", POINTS))).isEqualTo(204);
    Secret goSecret = user.secrets().inNamespace(NS).withName("hdbt-tls").get();
    assertThat(goSecret.getType()).isEqualTo("kubernetes.io/tls");
    Map<String, String> claims = claimUids();

    operator = OperatorProcess.start(sim);
    eventually().untilAsserted(() -> assertThat(history.replacements()).contains("hdbt-0"));
    awaitRunning("hdbt", 1);

    Secret ours = user.secrets().inNamespace(NS).withName("hdbt-tls").get();
    assertThat(ours.getMetadata().getUid()).isNotEqualTo(goSecret.getMetadata().getUid());
    assertThat(ours.getType()).isEqualTo("Opaque");
    assertThat(events.withReason("hdbt", "SecretReplaced")).hasSize(1);
    assertThat(history.replacements()).as("one restart, after the new Secret existed").containsExactly("hdbt-0");
    assertThat(pod("hdbt-0").getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getSecret())
        .isNotNull().satisfies(secret -> assertThat(secret.getSecretName()).isEqualTo("hdbt-tls")));
    assertThat(condition("hdbt", "TlsReady")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(condition("hdbt", "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(sim.member(NS, "hdbt-0").orElseThrow().points()).isEqualTo(POINTS);
    assertThat(claimUids()).isEqualTo(claims);
    assertThat(cluster("hdbt").getMetadata().getFinalizers()).doesNotContain(GO_FINALIZER);
  }

  private Map<String, String> claimUids() {
    return user.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getMetadata().getUid(), (a, b) -> a,
            TreeMap::new));
  }

  private List<SimulatedNode> members() {
    return go.members("hdb", 3);
  }

  private static String reasons(String message) {
    Matcher matcher = RESTART.matcher(message);
    return matcher.matches() ? matcher.group(2) : message;
  }
}
