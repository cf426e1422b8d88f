package cloud.hyperbyte.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.reconcile.port.FencedException;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaseLeaderElectionTest {

  KubernetesClient client;

  private final List<String> transitions = Collections.synchronizedList(new ArrayList<>());
  private final LeadershipFence fenceA = new LeadershipFence(Clock.systemUTC());
  private final LeadershipFence fenceB = new LeadershipFence(Clock.systemUTC());

  private LeaseSettings settings(String identity) {
    // short timings so a handover in the test takes a fraction of a second
    return new LeaseSettings("operators", "hyperbytedb-operator-leader", identity,
        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(100));
  }

  private LeadershipListener recording(String identity) {
    return new LeadershipListener() {
      @Override
      public void onStartedLeading() {
        transitions.add(identity + " started");
      }

      @Override
      public void onStoppedLeading() {
        transitions.add(identity + " stopped");
      }
    };
  }

  private Lease lease() {
    return client.leases().inNamespace("operators").withName("hyperbytedb-operator-leader").get();
  }

  @Test
  void onlyOneOfTwoReplicasLeadsAndTheLeaseNamesIt() {
    try (LeaseLeaderElection a = new LeaseLeaderElection(client, settings("pod-a"), recording("pod-a"), fenceA);
        LeaseLeaderElection b = new LeaseLeaderElection(client, settings("pod-b"), recording("pod-b"), fenceB)) {
      a.start();
      await().until(a::isLeader);
      b.start();

      assertThat(b.isLeader()).isFalse();
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("pod-a");
      assertThat(transitions).containsExactly("pod-a started");
      assertThatCode(() -> fenceA.check("a write")).doesNotThrowAnyException();
      assertThatThrownBy(() -> fenceB.check("a write")).as("the standby acts on nothing")
          .isInstanceOf(FencedException.class);
    }
  }

  @Test
  void closingTheLeaderReleasesTheLeaseAndTheStandbyTakesOver() {
    LeaseLeaderElection a = new LeaseLeaderElection(client, settings("pod-a"), recording("pod-a"), fenceA);
    try (LeaseLeaderElection b = new LeaseLeaderElection(client, settings("pod-b"), recording("pod-b"), fenceB)) {
      a.start();
      await().until(a::isLeader);
      b.start();

      a.close();

      assertThat(a.isLeader()).isFalse();
      await().until(b::isLeader);
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("pod-b");
      assertThat(transitions).containsExactly("pod-a started", "pod-a stopped", "pod-b started");
      assertThatThrownBy(() -> fenceA.check("a write")).isInstanceOf(FencedException.class);
      assertThatCode(() -> fenceB.check("a write")).doesNotThrowAnyException();
    }
  }

  @Test
  void withoutElectionTheProcessLeadsFromStartToClose() {
    NoLeaderElection election = new NoLeaderElection(recording("single"), fenceA);
    election.start();
    assertThat(election.isLeader()).isTrue();
    assertThatCode(() -> fenceA.check("a write")).doesNotThrowAnyException();
    election.close();
    assertThat(election.isLeader()).isFalse();
    assertThatThrownBy(() -> fenceA.check("a write")).isInstanceOf(FencedException.class);
    assertThat(transitions).containsExactly("single started", "single stopped");
    assertThat(lease()).as("no Lease is written without election").isNull();
  }
}
