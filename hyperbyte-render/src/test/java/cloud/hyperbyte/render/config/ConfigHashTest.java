package cloud.hyperbyte.render.config;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.TestSpecs;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

  private static String hash(ClusterSpec spec) {
    return ConfigHash.of(ConfigToml.render(spec));
  }

  @Test
  void givenAnySpecExpectSixteenLowercaseHexCharacters() {
    assertThat(hash(TestSpecs.single())).hasSize(16).matches("[0-9a-f]{16}");
  }

  @Test
  void givenReplicasCrossingOneExpectTheHashToChange() {
    assertThat(hash(TestSpecs.single())).isNotEqualTo(hash(TestSpecs.single().withReplicas(2)));
  }

  @Test
  void givenReplicaChangesWithinClusterModeExpectTheSameHash() {
    assertThat(hash(TestSpecs.single().withReplicas(3)))
        .isEqualTo(hash(TestSpecs.single().withReplicas(5)))
        .isEqualTo(hash(TestSpecs.single().withReplicas(2)));
  }

  @Test
  void givenARestartRelevantChangeExpectTheHashToChange() {
    cloud.hyperbyte.model.spec.ImmutableClusterSpec base = TestSpecs.threeNode();

    assertThat(hash(base)).isNotEqualTo(hash(base.withFlush(cloud.hyperbyte.model.spec.ImmutableFlushSettings.copyOf(base.flush()).withIntervalSecs(5))));
    assertThat(hash(base)).isNotEqualTo(hash(base.withCluster(cloud.hyperbyte.model.spec.ImmutableClusterSettings.copyOf(base.cluster()).withRaftElectionTimeoutMs(4000))));
    assertThat(hash(base)).isNotEqualTo(hash(base.withLogging(cloud.hyperbyte.model.spec.ImmutableLoggingSettings.copyOf(base.logging()).withLevel(cloud.hyperbyte.model.v1alpha1.LogLevel.DEBUG))));
  }

  @Test
  void givenOperatorOnlyFieldsChangeExpectTheSameHash() {
    cloud.hyperbyte.model.spec.ImmutableClusterSpec base = TestSpecs.threeNode();

    assertThat(hash(base)).isEqualTo(hash(base.withCluster(cloud.hyperbyte.model.spec.ImmutableClusterSettings.copyOf(base.cluster()).withDrainWaitSecs(60))));
    assertThat(hash(base)).isEqualTo(hash(base.withFailover(cloud.hyperbyte.model.spec.ImmutableFailoverSettings.copyOf(base.failover()).withFailoverTimeoutSecs(600))));
  }
}
