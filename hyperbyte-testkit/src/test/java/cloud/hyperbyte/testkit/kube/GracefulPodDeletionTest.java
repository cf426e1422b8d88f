package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.Patience;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Deleting a pod is graceful, as on a real cluster ({@code rest.BeforeDelete}, the pod strategy's
 * {@code CheckGracefulDelete}, the kubelet, {@code stateful_set_control.go}): the pod stays, Terminating,
 * until its processes have exited, and the StatefulSet controller waits for it.
 */
class GracefulPodDeletionTest {

  static final Instant NOW = Instant.parse("2026-08-01T00:00:00Z");
  static SimulatedKubernetes kube;
  static KubernetesClient client;
  static final ManualPodReadiness READINESS = new ManualPodReadiness(true);
  /** Pods whose processes still run after their SIGTERM (by name). */
  static final Set<String> STILL_STOPPING = ConcurrentHashMap.newKeySet();
  static final Set<String> SIGTERMED = ConcurrentHashMap.newKeySet();
  static StatefulSetSimulator simulator;

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start(Clock.fixed(NOW, ZoneOffset.UTC), 0L);
    client = kube.client();
    simulator = kube.simulateStatefulSets(READINESS, new PodLifecycle() {
      @Override
      public void onDeleted(Pod pod) {
        SIGTERMED.add(pod.getMetadata().getName());
      }

      @Override
      public boolean hasExited(Pod pod) {
        return !STILL_STOPPING.contains(pod.getMetadata().getName());
      }
    });
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  /**
   * Whether {@code pod} exists and is Ready. Conditions read the pod once: the simulated kubelet may
   * remove it between two reads (the old pod going while its replacement is awaited).
   */
  static boolean isReady(Pod pod) {
    return pod != null && SimulatedPods.isReady(pod);
  }

  static Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  /** A pod as a scheduler leaves it: bound to a node, Running. */
  static Pod scheduledPod(String name, Long terminationGracePeriodSeconds) {
    Pod created = client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(terminationGracePeriodSeconds)
        .addNewContainer().withName("c").withImage("c:1").endContainer().endSpec().build()).create();
    created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
    return client.pods().resource(created).updateStatus();
  }

  @Nested
  class TheApiServer {

    @Test
    void marksAScheduledPodTerminatingForItsGracePeriodInsteadOfRemovingIt() {
      scheduledPod("graceful", 120L);

      client.pods().inNamespace(NS).withName("graceful").delete();

      Pod terminating = pod("graceful");
      assertThat(terminating).as("still stored").isNotNull();
      assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(120L);
      assertThat(terminating.getMetadata().getDeletionTimestamp()).isEqualTo(NOW.plusSeconds(120).toString());
    }

    @Test
    void usesThirtySecondsWhenThePodSetsNoGracePeriod() {
      scheduledPod("default-grace", null);

      client.pods().inNamespace(NS).withName("default-grace").delete();

      assertThat(pod("default-grace").getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    }

    @Test
    void removesAPodNeverScheduledOrAlreadyFinishedAtOnce() {
      client.resource(new PodBuilder().withNewMetadata().withName("unscheduled").withNamespace(NS).endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("c:1").endContainer().endSpec().build()).create();
      Pod finished = scheduledPod("finished", 60L);
      finished.getStatus().setPhase("Succeeded");
      client.pods().resource(finished).updateStatus();

      client.pods().inNamespace(NS).withName("unscheduled").delete();
      client.pods().inNamespace(NS).withName("finished").delete();

      assertThat(pod("unscheduled")).isNull();
      assertThat(pod("finished")).isNull();
    }

    @Test
    void keepsATerminatingPodThroughStatusAndMetadataWrites() {
      scheduledPod("written", 60L);
      client.pods().inNamespace(NS).withName("written").delete();

      Pod terminating = pod("written");
      terminating.getStatus().setPhase("Running");
      terminating.getStatus().setMessage("stopping");
      client.pods().resource(terminating).updateStatus();
      client.pods().inNamespace(NS).withName("written").edit(p -> {
        p.getMetadata().setAnnotations(java.util.Map.of("note", "x"));
        return p;
      });

      Pod after = pod("written");
      assertThat(after).as("a write does not finish a graceful deletion").isNotNull();
      assertThat(after.getMetadata().getDeletionTimestamp()).isEqualTo(NOW.plusSeconds(60).toString());
      assertThat(after.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(60L);
      assertThat(after.getStatus().getMessage()).isEqualTo("stopping");
    }

    @Test
    void aSecondDeleteMayOnlyShortenTheGracePeriodAndZeroRemovesThePod() {
      scheduledPod("shortened", 100L);
      client.pods().inNamespace(NS).withName("shortened").delete();

      client.pods().inNamespace(NS).withName("shortened").withGracePeriod(200).delete();
      assertThat(pod("shortened").getMetadata().getDeletionGracePeriodSeconds()).as("not lengthened").isEqualTo(100L);

      client.pods().inNamespace(NS).withName("shortened").withGracePeriod(10).delete();
      assertThat(pod("shortened").getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(10L);
      assertThat(pod("shortened").getMetadata().getDeletionTimestamp()).isEqualTo(NOW.plusSeconds(10).toString());

      client.pods().inNamespace(NS).withName("shortened").withGracePeriod(0).delete();
      assertThat(pod("shortened")).isNull();
    }

    @Test
    void aForcedDeleteRemovesAScheduledPodAtOnce() {
      scheduledPod("forced", 60L);

      client.pods().inNamespace(NS).withName("forced").withGracePeriod(0).delete();

      assertThat(pod("forced")).isNull();
    }

    @Test
    void aPodWithFinalizersStaysAfterItsGracePeriodUntilTheyAreRemoved() {
      Pod held = scheduledPod("held", 60L);
      client.pods().inNamespace(NS).withName("held").edit(p -> {
        p.getMetadata().setFinalizers(java.util.List.of("example.com/hold"));
        return p;
      });
      client.pods().inNamespace(NS).withName("held").delete();
      client.pods().inNamespace(NS).withName("held").withGracePeriod(0).delete();

      assertThat(pod("held").getMetadata().getDeletionGracePeriodSeconds()).isZero();

      client.pods().inNamespace(NS).withName("held").edit(p -> {
        p.getMetadata().setFinalizers(null);
        return p;
      });
      assertThat(pod("held")).isNull();
    }
  }

  @Nested
  class TheStatefulSetController {

    static StatefulSet sts(String name) {
      return client.apps().statefulSets().inNamespace(NS).withName(name).get();
    }

    @Test
    void createsNoReplacementUntilTheTerminatingPodIsGone() {
      client.resource(Fixtures.statefulSet("term", 2, "1").build()).create();
      await().atMost(Patience.LIMIT).until(() -> isReady(pod("term-1")));
      String oldUid = pod("term-1").getMetadata().getUid();
      STILL_STOPPING.add("term-1");

      client.pods().inNamespace(NS).withName("term-1").delete();

      await().atMost(Patience.LIMIT).until(() -> SIGTERMED.contains("term-1"));
      simulator.reconcileNow(NS, "term");
      Pod terminating = pod("term-1");
      assertThat(terminating.getMetadata().getUid()).as("the old pod, not a replacement").isEqualTo(oldUid);
      assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
      await().atMost(Patience.LIMIT).until(() -> sts("term").getStatus().getUpdatedReplicas() == 1);
      assertThat(sts("term").getStatus().getReplicas()).as("a Terminating pod is still a replica").isEqualTo(2);

      STILL_STOPPING.remove("term-1");

      await().atMost(Patience.LIMIT).until(() -> {
        Pod replacement = pod("term-1");
        return isReady(replacement) && !replacement.getMetadata().getUid().equals(oldUid);
      });
      assertThat(pod("term-1").getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void aRollingUpdateWaitsForTheReplacedPodToBeGoneAndBack() {
      client.resource(Fixtures.statefulSet("rolling", 2, "1").build()).create();
      await().atMost(Patience.LIMIT).until(() -> sts("rolling").getStatus() != null
          && Integer.valueOf(2).equals(sts("rolling").getStatus().getReadyReplicas()));
      String oldRevision = sts("rolling").getStatus().getCurrentRevision();
      STILL_STOPPING.add("rolling-1");

      client.apps().statefulSets().inNamespace(NS).withName("rolling").edit(s -> {
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("db:2");
        return s;
      });

      await().atMost(Patience.LIMIT).until(() -> pod("rolling-1").getMetadata().getDeletionTimestamp() != null);
      simulator.reconcileNow(NS, "rolling");
      assertThat(pod("rolling-0").getMetadata().getDeletionTimestamp()).as("rolling-0 waits").isNull();
      assertThat(pod("rolling-0").getMetadata().getLabels().get(StatefulSetSimulator.REVISION_LABEL))
          .isEqualTo(oldRevision);

      STILL_STOPPING.remove("rolling-1");

      await().atMost(Patience.LIMIT).until(() -> sts("rolling").getStatus().getCurrentRevision()
          .equals(sts("rolling").getStatus().getUpdateRevision())
          && Integer.valueOf(2).equals(sts("rolling").getStatus().getReadyReplicas()));
    }

    @Test
    void theKubeletReportsTheContainersStoppedBeforeRemovingThePod() {
      client.resource(Fixtures.statefulSet("watched", 1, "1").build()).create();
      await().atMost(Patience.LIMIT).until(() -> isReady(pod("watched-0")));
      java.util.List<Pod> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (var watch = client.pods().inNamespace(NS).withName("watched-0").watch(new io.fabric8.kubernetes.client.Watcher<>() {
        @Override
        public void eventReceived(Action action, Pod pod) {
          seen.add(pod);
        }

        @Override
        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
        }
      })) {
        client.pods().inNamespace(NS).withName("watched-0").delete();
        await().atMost(Patience.LIMIT).until(() -> seen.stream().anyMatch(SimulatedPods::hasTerminated));
      }
      Pod stopped = seen.stream().filter(SimulatedPods::hasTerminated).findFirst().orElseThrow();
      assertThat(SimulatedPods.isReady(stopped)).isFalse();
      assertThat(stopped.getMetadata().getDeletionTimestamp()).isNotNull();
    }
  }
}
