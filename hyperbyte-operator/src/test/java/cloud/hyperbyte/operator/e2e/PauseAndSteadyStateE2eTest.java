package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PauseAndSteadyStateE2eTest extends OperatorE2eTest {

  @Test
  void aFullResyncOfAConvergedClusterWritesNothing() throws Exception {
    restartOperator(Clock.systemUTC(), FREQUENT_RESYNC);
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    awaitMoreReconciles(2); // settle: the status after the last member joined
    ApiMark converged = sim.mark();

    awaitMoreReconciles(3);
    restartOperator(Clock.systemUTC(), FREQUENT_RESYNC); // a new leader looks at everything
    awaitMoreReconciles(2);

    assertThat(sim.activitySince(converged).writesByVerbAndResource()).isEmpty();
  }

  @Test
  void aPausedClusterIsLeftAloneAndCanStillBeDeleted() throws Exception {
    restartOperator(Clock.systemUTC(), FREQUENT_RESYNC);
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    edit("hdb", c -> {
      c.getSpec().setPaused(true);
      return c;
    });
    eventually().until(() -> condition("hdb", "Paused").map(c -> c.getStatus().equals("True")).orElse(false)
        && status("hdb").getObservedGeneration().equals(cluster("hdb").getMetadata().getGeneration()));
    awaitMoreReconciles(2);
    ApiMark paused = sim.mark();

    awaitMoreReconciles(3);
    assertThat(sim.activitySince(paused).writesByVerbAndResource()).as("paused and unchanged").isEmpty();

    edit("hdb", c -> {
      c.getSpec().setVersion("0.8.6");
      c.getSpec().setReplicas(5);
      return c;
    });
    eventually().until(() -> status("hdb").getObservedGeneration().equals(cluster("hdb").getMetadata().getGeneration()));
    awaitMoreReconciles(3);
    assertThat(sim.activitySince(paused).writes()).as("only the status may record the new generation")
        .allMatch(r -> r.resourceWithSubresource().equals("hyperbytedbclusters/status"));
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("hdb").get().getSpec().getReplicas()).isEqualTo(3);
    assertThat(history.replacements()).isEmpty();

    user.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").delete();
    eventually().until(() -> cluster("hdb") == null
        && user.apps().statefulSets().inNamespace(NS).withName("hdb").get() == null);
    eventually().until(() -> sim.member(NS, "hdb-0").isEmpty());
  }
}
