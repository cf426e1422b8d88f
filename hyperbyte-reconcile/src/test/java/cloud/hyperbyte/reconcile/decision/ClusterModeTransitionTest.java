package cloud.hyperbyte.reconcile.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import org.junit.jupiter.api.Test;

class ClusterModeTransitionTest {

  @Test
  void givenAScaleDownToOneStillRunningThreeMembersExpectClusterModeRenderedUntilTheyAreGone() {
    ClusterSpec one = TestClusters.spec(1);

    assertThat(ClusterModeTransition.specToRender(one, 3).clusterMode()).isTrue();
    assertThat(ClusterModeTransition.specToRender(one, 2).replicas()).isEqualTo(2);
    assertThat(ClusterModeTransition.specToRender(one, 1)).isSameAs(one);
    assertThat(ClusterModeTransition.specToRender(one, 0)).isSameAs(one);
  }

  @Test
  void givenAClusterSpecOrARestoreHoldExpectTheSpecAsIs() {
    ClusterSpec three = TestClusters.spec(3);
    ClusterSpec held = ImmutableClusterSpec.copyOf(TestClusters.spec(1)).withHeldBy("restore-1");

    assertThat(ClusterModeTransition.specToRender(three, 5)).isSameAs(three);
    assertThat(ClusterModeTransition.specToRender(held, 3)).isSameAs(held);
  }
}
