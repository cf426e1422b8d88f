package cloud.hyperbyte.render.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.render.TestSpecs;
import org.junit.jupiter.api.Test;

class MemberTopologyTest {

  @Test
  void givenOrdinalsExpectNodeIdsOneHigherAndBack() {
    assertThat(MemberTopology.nodeId(0)).isEqualTo(1);
    assertThat(MemberTopology.nodeId(4)).isEqualTo(5);
    assertThat(MemberTopology.ordinal(1)).isZero();
    assertThat(MemberTopology.ordinal(5)).isEqualTo(4);
    assertThatThrownBy(() -> MemberTopology.nodeId(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemberTopology.ordinal(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenNodeOneExpectItIsTheOnlyBootstrapNode() {
    assertThat(MemberTopology.isBootstrap(1)).isTrue();
    assertThat(MemberTopology.isBootstrap(2)).isFalse();
  }

  @Test
  void givenThreeReplicasExpectStableAddressesAndVoters() {
    MemberTopology topology = MemberTopology.of(TestSpecs.threeNode());

    assertThat(topology.podName(2)).isEqualTo("db-2");
    assertThat(topology.clusterAddress(1)).isEqualTo("db-1.db-headless.prod.svc.cluster.local:8086");
    assertThat(topology.memberUrl(0, true)).isEqualTo("https://db-0.db-headless.prod.svc.cluster.local:8086");
    assertThat(topology.expectedVoters()).containsExactly(1L, 2L, 3L);
    assertThat(topology.ordinals()).containsExactly(0, 1, 2);
    assertThat(topology.podFqdns()).hasSize(3).allMatch(f -> f.endsWith(".db-headless.prod.svc.cluster.local"));
  }

  @Test
  void givenCustomClusterDomainAndPortExpectThemInTheAddress() {
    MemberTopology topology =
        MemberTopology.of(
            TestSpecs.single().withClusterDomain("corp.internal").withServer(TestSpecs.server(cloud.hyperbyte.model.spec.TlsMode.DISABLED).withPort(9000)));

    assertThat(topology.clusterAddress(0)).isEqualTo("db-0.db-headless.prod.svc.corp.internal:9000");
    assertThat(topology.expectedVoters()).containsExactly(1L);
  }
}
