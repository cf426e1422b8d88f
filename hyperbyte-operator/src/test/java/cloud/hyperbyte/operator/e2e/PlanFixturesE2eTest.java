package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.golden.GoldenFiles;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes the live fixtures of {@code PlanCommandTest} (with {@code -Dgolden.update=true} only): the
 * {@code examples/three-node.yaml} cluster converged on the simulated cluster with three members,
 * and with five, and the clusters the Go operator made ({@code go-operator/adoption}: three members
 * with Raft formed; one member with TLS, its Secret listed too), exported as {@code kubectl get
 * hbc,sts,svc,cm,pdb,hpa,deploy,pvc,pods -o yaml} prints them. Regenerated with the golden files, so
 * the fixtures are what the current operator converges to.
 */
class PlanFixturesE2eTest extends OperatorE2eTest {

  static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  static final Path FIXTURES = PROJECT.resolve("hyperbyte-operator/src/test/resources/plan");

  @Override
  OperatorProcess startOperator() {
    return null; // the Go operator's clusters are exported before any operator runs
  }

  @Test
  void theGoOperatorsThreeMemberClusterIsExportedAsItLeavesIt() throws Exception {
    Assumptions.assumeTrue(GoldenFiles.updating(), "fixtures are written with -D" + GoldenFiles.UPDATE_PROPERTY);
    new GoOperatorCluster(sim, user).createThreeMembers("hdb");
    Files.writeString(FIXTURES.resolve("live-go-operator-hdb.yaml"), KubectlExport.yaml(user, NS));
  }

  @Test
  void theGoOperatorsTlsClusterIsExportedWithItsSecret() throws Exception {
    Assumptions.assumeTrue(GoldenFiles.updating(), "fixtures are written with -D" + GoldenFiles.UPDATE_PROPERTY);
    new GoOperatorCluster(sim, user).createObjects("hdbt");
    eventually().until(() -> sim.member(NS, "hdbt-0").map(m -> m.isListening()).orElse(false));
    Files.writeString(FIXTURES.resolve("live-go-operator-hdbt.yaml"), KubectlExport.yaml(user, NS,
        user.secrets().inNamespace(NS).withName("hdbt-tls").get()));
  }

  @Test
  void convergedThreeAndFiveMemberClustersAreExported() throws Exception {
    Assumptions.assumeTrue(GoldenFiles.updating(), "fixtures are written with -D" + GoldenFiles.UPDATE_PROPERTY);
    operator = OperatorProcess.start(sim);
    HyperbytedbCluster example = Serialization.unmarshal(
        Files.readString(PROJECT.resolve("examples/three-node.yaml")), HyperbytedbCluster.class);
    String ns = example.getMetadata().getNamespace();
    String name = example.getMetadata().getName();
    user.resource(example).create();
    awaitRunning(ns, name, 3);
    Files.writeString(FIXTURES.resolve("live-three-node.yaml"), KubectlExport.yaml(user, ns));

    user.resources(HyperbytedbCluster.class).inNamespace(ns).withName(name).edit(c -> {
      c.getSpec().setReplicas(5);
      return c;
    });
    awaitRunning(ns, name, 5);
    Files.writeString(FIXTURES.resolve("live-five-node.yaml"), KubectlExport.yaml(user, ns));
  }

  private void awaitRunning(String ns, String name, int replicas) {
    eventually().untilAsserted(() -> {
      HyperbytedbCluster cluster = user.resources(HyperbytedbCluster.class).inNamespace(ns).withName(name).get();
      assertThat(cluster.getStatus().getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
      assertThat(cluster.getStatus().getPhase()).isEqualTo("Running");
      assertThat(cluster.getStatus().getReadyReplicas()).isEqualTo(replicas);
      assertThat(cluster.getStatus().getMembers()).allSatisfy(m -> assertThat(m.getVoter()).isTrue());
    });
    awaitMoreReconciles(2);
  }
}
