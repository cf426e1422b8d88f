package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** DRAFT: what a slow formation costs. */
class SlowFormationWritesE2eTest extends OperatorE2eTest {

  private static final Duration PACING = Duration.ofMillis(100);
  private static final Duration SLOW_STARTUP = Duration.ofSeconds(2);

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.databaseOptions(o -> o.withStartupDuration(SLOW_STARTUP).withDrainAckTimeout(DRAIN_ACK_TIMEOUT));
  }

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(sim, settings -> settings.withStatusProgressPeriod(PACING));
  }

  @Test
  void slow() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    ApiMark start = sim.mark();
    try (Watch watch = user.resources(HyperbytedbCluster.class).inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, HyperbytedbCluster cluster) {
        seen.add((System.nanoTime() - t0) / 1_000_000 + "ms " + (cluster.getStatus() == null ? "-" : describe(cluster.getStatus())));
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      create(Manifests.cluster("hdb", 3, "monitoring:\n  serviceMonitor: false"));
      awaitRunning("hdb", 3);
      eventually().until(() -> condition("hdb", "Ready").map(c -> "True".equals(c.getStatus())).orElse(false));
      awaitMoreReconciles(3);
    }
    ApiActivity converging = sim.activitySince(start);
    seen.forEach(System.out::println);
    System.out.println("WRITES " + converging.writesByVerbAndResource());
    events.withReason("hdb", "MemberAdded").forEach(e -> System.out.println("EVENT " + e));
  }
}
