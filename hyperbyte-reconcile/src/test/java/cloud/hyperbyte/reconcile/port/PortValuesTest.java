package cloud.hyperbyte.reconcile.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PortValuesTest {

  @Test
  void memberAddressUsesTheStableDnsNameRaftStores() {
    MemberAddress third = MemberAddress.of(TestClusters.spec(3), 2);

    assertThat(third.nodeId()).isEqualTo(3);
    assertThat(third.podName()).isEqualTo("db-2");
    assertThat(third.clusterAddress()).isEqualTo("db-2.db-headless.prod.svc.cluster.local:8086");
  }

  @Test
  void memberAddressRejectsANodeIdThatIsNotOrdinalPlusOne() {
    assertThatThrownBy(() -> new MemberAddress(0, 2, "db-0", "h", 8086))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeStateReadsBothWireSpellings() {
    assertThat(NodeState.fromWire("draining")).contains(NodeState.DRAINING);
    assertThat(NodeState.fromWire("Leaving")).contains(NodeState.LEAVING);
    assertThat(NodeState.fromWire("bogus")).isEmpty();
    assertThat(NodeState.DRAINING.wireName()).isEqualTo("draining");
  }

  @Test
  void healthWarnBodyNamesTheNodeState() {
    NodeHealth draining = NodeHealth.notActive(NodeState.DRAINING);

    assertThat(draining.message()).isEqualTo("node is Draining, not accepting traffic");
    assertThat(draining.healthy()).isFalse();
    assertThat(draining.reportedState()).contains(NodeState.DRAINING);
    assertThat(NodeHealth.pass().reportedState()).isEmpty();
    assertThat(NodeHealth.fail("disk read-only due to low free space").reportedState()).isEmpty();
  }

  @Test
  void notLeaderCarriesTheLeaderTheFollowerNamed() {
    MemberAddress follower = MemberAddress.of(TestClusters.spec(3), 1);

    DatabaseCallException e = DatabaseCallException.notLeader(follower, OptionalLong.of(1), "{}");

    assertThat(e.kind()).isEqualTo(CallFailure.NOT_LEADER);
    assertThat(e.leaderId()).hasValue(1);
    assertThat(e.httpStatus()).hasValue(503);
    assertThat(e.getMessage()).contains("leader is node 1");
  }
}
