package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.kube.ApiRequest;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The creation and steady-state scenarios of the scale benchmark ({@code bench.ScaleBenchmark}) at a
 * reduced scale, as a regression test of behaviour, not of timings: fifty three-member clusters
 * created at once all reach Running; converging one applies its five objects once and writes a status
 * only when the status changes; once converged, the fleet costs no API write. (Events are not
 * counted: on a starved machine a member that answers too slowly is failed over, which is right.)
 * Status progress (member details) is paced to once per ten minutes here, longer than the scenario:
 * with the production 3 s a loaded machine writes the last details a few seconds after a cluster is
 * Running and Ready, inside the steady-state window; {@code StatusPacingTest} covers that pacing.
 */
class FleetConvergenceE2eTest extends OperatorE2eTest {

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(sim, settings -> settings.withStatusProgressPeriod(Duration.ofMinutes(10)));
  }

  private static final int CLUSTERS = 50;
  private static final int MEMBERS = 3;
  /** ConfigMap, two Services, StatefulSet, PodDisruptionBudget (no ServiceMonitor: see the spec below). */
  private static final List<String> APPLIED = List.of("configmaps", "services", "services", "statefulsets",
      "poddisruptionbudgets");

  @Test
  void fiftyClustersCreatedAtOnceConvergeWithOneWritePerChangeAndThenWriteNothing() throws Exception {
    StatusChanges statuses = new StatusChanges();
    ApiMark start = sim.mark();
    try (Watch watch = user.resources(HyperbytedbCluster.class).inNamespace(NS).watch(statuses)) {
      IntStream.range(0, CLUSTERS).forEach(i -> create(Manifests.cluster(name(i), MEMBERS,
          "monitoring:\n  serviceMonitor: false")));
      // a hang guard for a loaded machine, not a measure: the benchmark measures
      await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> user.resources(HyperbytedbCluster.class).inNamespace(NS).list().getItems().stream()
              .filter(c -> isRunning(c)).count() == CLUSTERS);
      awaitMoreReconciles(CLUSTERS * 2); // the passes after the last members joined
    }
    ApiActivity converging = sim.activitySince(start);

    for (int i = 0; i < CLUSTERS; i++) {
      String cluster = name(i);
      List<ApiRequest> writes = converging.writes().stream().filter(r -> belongsTo(r, cluster)).toList();
      assertThat(writes.stream().filter(r -> r.verb() == ApiVerb.PATCH && !r.resource().equals("events"))
          .map(ApiRequest::resource).sorted())
          .as("objects applied for %s", cluster).containsExactlyElementsOf(APPLIED.stream().sorted().toList());
      assertThat(statuses.unchangedWrites(cluster)).as("status writes of %s that changed nothing", cluster).isZero();
    }

    ApiMark converged = sim.mark();
    awaitMoreReconciles(CLUSTERS * 2);
    assertThat(sim.activitySince(converged).writesByVerbAndResource()).as("writes at steady state").isEmpty();
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "f%02d", i);
  }

  /** The cluster's own objects are named after it ({@code f07}, {@code f07-headless}); its events {@code f07.<suffix>}. */
  private static boolean belongsTo(ApiRequest request, String cluster) {
    String name = String.valueOf(request.name());
    return name.equals(cluster) || name.startsWith(cluster + "-") || name.startsWith(cluster + ".");
  }

  private static boolean isRunning(HyperbytedbCluster c) {
    HyperbytedbClusterStatus status = c.getStatus();
    return status != null && "Running".equals(status.getPhase())
        && c.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && Integer.valueOf(MEMBERS).equals(status.getReadyReplicas());
  }

  /** Every stored change of each cluster, as the watch delivers it: a status write that changed nothing shows as a repeat. */
  private static final class StatusChanges implements Watcher<HyperbytedbCluster> {
    private final Map<String, List<String>> byCluster = new HashMap<>();

    @Override
    public synchronized void eventReceived(Action action, HyperbytedbCluster cluster) {
      byCluster.computeIfAbsent(cluster.getMetadata().getName(), k -> new ArrayList<>())
          .add(cluster.getMetadata().getGeneration() + " " + Serialization.asJson(cluster.getStatus()));
    }

    @Override
    public void onClose(WatcherException cause) {
      // the test's own watch; closed at the end of the scenario
    }

    synchronized long unchangedWrites(String cluster) {
      List<String> seen = byCluster.getOrDefault(cluster, List.of());
      return IntStream.range(1, seen.size()).filter(i -> seen.get(i).equals(seen.get(i - 1))).count();
    }
  }
}
