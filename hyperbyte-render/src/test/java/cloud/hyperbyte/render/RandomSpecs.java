package cloud.hyperbyte.render;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableAutoscalingSettings;
import cloud.hyperbyte.model.spec.ImmutableChdbSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableFlushSettings;
import cloud.hyperbyte.model.spec.ImmutableLimitSettings;
import cloud.hyperbyte.model.spec.ImmutableLoggingSettings;
import cloud.hyperbyte.model.spec.ImmutableMonitoringSettings;
import cloud.hyperbyte.model.spec.ImmutableStorageSettings;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import cloud.hyperbyte.model.v1alpha1.WalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid specs drawn from a seeded {@link Random}: the same seed gives the same specs, so failures
 * reproduce. Only combinations the model accepts are drawn (TLS only with one member, election
 * timeout above the heartbeat).
 */
public final class RandomSpecs {

  private final Random random;

  public RandomSpecs(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} specs. */
  public List<ClusterSpec> draw(int count) {
    List<ClusterSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      specs.add(next());
    }
    return specs;
  }

  /** One spec. */
  public ImmutableClusterSpec next() {
    int replicas = 1 + random.nextInt(7);
    ImmutableClusterSpec spec = TestSpecs.single().withReplicas(replicas).withName(pick("db", "metrics", "hb-prod"));
    int heartbeat = 100 + random.nextInt(2000);
    ReplicationMode mode = random.nextBoolean() ? ReplicationMode.ASYNC : ReplicationMode.SYNC_QUORUM;
    ImmutableClusterSettings cluster =
        TestSpecs.cluster()
            .withRaftHeartbeatIntervalMs(heartbeat)
            .withRaftElectionTimeoutMs(heartbeat + 1 + random.nextInt(5000))
            .withRaftSnapshotThreshold(1 + random.nextInt(100000))
            .withHeartbeatIntervalSecs(1 + random.nextInt(10))
            .withReplicationMode(mode)
            .withAckTimeoutMs(100 + random.nextInt(10000));
    if (mode == ReplicationMode.SYNC_QUORUM && random.nextBoolean()) {
      cluster = cluster.withMinAcks(random.nextBoolean() ? "majority" : Integer.toString(1 + random.nextInt(3)));
    }
    spec =
        spec.withCluster(cluster)
            .withFlush(ImmutableFlushSettings.builder().arrowWalEnabled(random.nextBoolean()).intervalSecs(1 + random.nextInt(60)).maxPointsPerBatch(10000 + random.nextInt(490000))
                .walBatchSize(random.nextInt(256)).walBatchDelayUs(random.nextInt(5000)).build())
            .withStorage(ImmutableStorageSettings.builder().size((1 + random.nextInt(500)) + "Gi")
                .walFormat(random.nextBoolean() ? WalFormat.BINCODE : WalFormat.ARROW_IPC).build())
            .withLogging(ImmutableLoggingSettings.builder().level(LogLevel.values()[random.nextInt(LogLevel.values().length)])
                .format(random.nextBoolean() ? LogFormat.TEXT : LogFormat.JSON).build())
            .withLimits(ImmutableLimitSettings.copyOf(spec.limits()).withRateLimitEnabled(random.nextBoolean())
                .withMaxRequestsPerSecond(random.nextInt(1000)))
            .withMonitoring(ImmutableMonitoringSettings.builder().scrapeAnnotations(random.nextBoolean()).serviceMonitor(random.nextBoolean())
                .grafanaDashboard(random.nextBoolean()).prometheusRule(random.nextBoolean()).build())
            .withPodLabels(randomMap("label"))
            .withPodAnnotations(randomMap("note"));
    if (random.nextBoolean()) {
      ImmutableChdbSettings.Builder chdb = ImmutableChdbSettings.builder().sessionDataPath(OperatorPaths.CHDB_DIR);
      if (random.nextBoolean()) {
        chdb.queryPoolSize(1 + random.nextInt(128));
      }
      if (random.nextBoolean()) {
        chdb.writePoolSize(1 + random.nextInt(128));
      }
      spec = spec.withChdb(chdb.build());
    }
    if (random.nextBoolean()) {
      spec = spec.withLimits(ImmutableLimitSettings.copyOf(spec.limits()).withRetentionInterval(pick("60s", "5m", "12h", "1d")));
    }
    if (random.nextBoolean()) {
      spec = spec.withProxy(TestSpecs.proxy().withReplicas(1 + random.nextInt(3)));
    }
    if (random.nextInt(4) == 0) {
      int min = 1 + random.nextInt(3);
      spec = spec.withAutoscaling(ImmutableAutoscalingSettings.builder().minReplicas(min).maxReplicas(min + random.nextInt(5))
          .targetCpuUtilizationPercentage(10 + random.nextInt(90)).build());
    }
    if (replicas == 1 && random.nextBoolean()) {
      spec = spec.withServer(TestSpecs.server(TlsMode.values()[random.nextInt(TlsMode.values().length)]));
    }
    return spec;
  }

  private Map<String, String> randomMap(String prefix) {
    Map<String, String> map = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      map.put(prefix + "-" + random.nextInt(100), pick("a", "yes", "NO", "y", "1", "true", "x y"));
    }
    return map;
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }
}
