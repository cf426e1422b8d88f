package cloud.hyperbyte.model.spec;

import static cloud.hyperbyte.model.spec.Manifests.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Go operator's CRD fields: accepted, and what each means on server 0.8.5. */
class GoOperatorFieldsTest {

  @Test
  void shardingSwitchedOnIsRefusedWithTheReason() {
    Validated<ClusterSpec> result = read("replicas: 3\nsharding:\n  enabled: true\n  replicationFactor: 3");

    assertThat(result.errors()).extracting(Problem::path).containsExactly("spec.sharding.enabled");
    assertThat(result.errors().get(0).message()).contains("HyperbyteDB 0.8.5 has no sharding");
  }

  @Test
  void shardingSwitchedOffIsAcceptedAndItsSettingsAreNamedAsHavingNoEffect() {
    Validated<ClusterSpec> result = read("replicas: 3\nsharding:\n  enabled: false\n  regionSplitSeries: 100000"
        + "\n  loadSplitQpsThreshold: 0");

    assertThat(result.isValid()).isTrue();
    assertThat(result.warnings()).extracting(Problem::path)
        .containsExactly("spec.sharding.regionSplitSeries", "spec.sharding.loadSplitQpsThreshold");
    assertThat(result.warnings()).allSatisfy(w -> assertThat(w.message()).startsWith("has no effect: "));
    assertThat(result.orElseThrow().settingsWithoutEffect())
        .containsOnlyKeys("spec.sharding.regionSplitSeries", "spec.sharding.loadSplitQpsThreshold");
  }

  @Test
  void removedFlushKeysAreAcceptedAndNamedAsHavingNoEffect() {
    Validated<ClusterSpec> result = read("flush:\n  walSizeThresholdMb: 64\n  timeBucketDuration: 1h");

    assertThat(result.isValid()).isTrue();
    assertThat(result.orElseThrow().settingsWithoutEffect())
        .containsOnlyKeys("spec.flush.walSizeThresholdMb", "spec.flush.timeBucketDuration");
    assertThat(result.warnings()).extracting(Problem::describe).allMatch(w -> w.contains("wal_size_threshold_mb")
        || w.contains("time_bucket_duration"));
  }

  @Test
  void aSpecWithoutGoOnlyFieldsHasNothingWithoutEffect() {
    assertThat(read("replicas: 3").orElseThrow().settingsWithoutEffect()).isEmpty();
  }

  @Test
  void arrowWalIsAServerSettingOnByDefault() {
    assertThat(read("").orElseThrow().flush().arrowWalEnabled()).isTrue();
    assertThat(read("flush:\n  arrowWALEnabled: false").orElseThrow().flush().arrowWalEnabled()).isFalse();
  }

  @Test
  void goZeroValuesMeanTheDefaultsTheyMeantThere() {
    ClusterSpec spec = read("""
        replicas: 3
        server: {maxBodySizeBytes: 0, requestTimeoutSecs: 0, queryTimeoutSecs: 0}
        flush: {intervalSecs: 0, maxPointsPerBatch: 0}
        cluster:
          heartbeatIntervalSecs: 0
          heartbeatMissThreshold: 0
          replicationMaxRetries: 0
          replicationQueueDepth: 0
          replicationMaxInflightBatches: 0
          replicationMaxCoalesceBodyBytes: 0
          replicateReceiverQueueDepth: 0
          replicationTruncateStalePeerMultiplier: 0
          raftHeartbeatIntervalMs: 0
          raftElectionTimeoutMs: 0
          raftSnapshotThreshold: 0
          replication: {ackTimeoutMs: 0}
        cardinality: {maxTagValuesPerMeasurement: 0, maxMeasurementsPerDatabase: 0}
        statementSummary: {maxEntries: 0}
        hintedHandoff: {maxHintsPerPeer: 0, maxHintAgeSecs: 0}
        proxy: {enabled: true, maxRetries: 0}
        """).orElseThrow();

    ClusterSpec defaults = read("replicas: 3\nproxy: {enabled: true}").orElseThrow();
    assertThat(spec.server()).isEqualTo(defaults.server());
    assertThat(spec.flush()).isEqualTo(defaults.flush());
    assertThat(spec.cluster()).isEqualTo(defaults.cluster());
    assertThat(spec.limits()).isEqualTo(defaults.limits());
    assertThat(spec.proxy()).isEqualTo(defaults.proxy());
  }

  @Test
  void nonZeroValuesBelowTheServersBoundsAreStillRefused() {
    Validated<ClusterSpec> result = read("replicas: 3\nflush: {maxPointsPerBatch: 5000}\n"
        + "cluster: {raftHeartbeatIntervalMs: 10, raftElectionTimeoutMs: 20}");

    assertThat(result.errors()).extracting(Problem::path).containsExactlyInAnyOrder("spec.flush.maxPointsPerBatch",
        "spec.cluster.raftHeartbeatIntervalMs", "spec.cluster.raftElectionTimeoutMs");
  }

  @Test
  void theProxyPullsWithItsOwnSecretsWhenGiven() {
    assertThat(read("proxy:\n  enabled: true\n  imagePullSecrets: [{name: proxy-registry}]").orElseThrow()
        .proxy().orElseThrow().imagePullSecrets()).containsExactly("proxy-registry");
  }
}
