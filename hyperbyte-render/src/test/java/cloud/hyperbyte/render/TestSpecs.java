package cloud.hyperbyte.render;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableAuthSettings;
import cloud.hyperbyte.model.spec.ImmutableAutoscalingSettings;
import cloud.hyperbyte.model.spec.ImmutableChdbSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSettings;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableFailoverSettings;
import cloud.hyperbyte.model.spec.ImmutableFlushSettings;
import cloud.hyperbyte.model.spec.ImmutableIssuerRef;
import cloud.hyperbyte.model.spec.ImmutableLimitSettings;
import cloud.hyperbyte.model.spec.ImmutableLoggingSettings;
import cloud.hyperbyte.model.spec.ImmutableMonitoringSettings;
import cloud.hyperbyte.model.spec.ImmutableProxySettings;
import cloud.hyperbyte.model.spec.ImmutableServerSettings;
import cloud.hyperbyte.model.spec.ImmutableStorageSettings;
import cloud.hyperbyte.model.spec.ImmutableTlsSettings;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import cloud.hyperbyte.model.v1alpha1.WalFormat;

/** Fully defaulted specs built directly, the way the factory would build them from a manifest. */
public final class TestSpecs {

  public static final String NAME = "db";
  public static final String NAMESPACE = "prod";
  public static final String UID = "6f1d0c1e-1111-4a4a-9b9b-000000000001";

  private TestSpecs() {}

  /** A single-node cluster with every product default. */
  public static ImmutableClusterSpec single() {
    return ImmutableClusterSpec.builder()
        .name(NAME)
        .namespace(NAMESPACE)
        .uid(UID)
        .replicas(1)
        .image("ghcr.io/hyperbyte-cloud/hyperbytedb:0.8.5")
        .version("0.8.5")
        .paused(false)
        .server(server(TlsMode.DISABLED))
        .storage(ImmutableStorageSettings.builder().size("10Gi").walFormat(WalFormat.BINCODE).build())
        .flush(
            ImmutableFlushSettings.builder()
                .intervalSecs(10)
                .maxPointsPerBatch(50000)
                .walBatchSize(64)
                .walBatchDelayUs(200)
                .build())
        .chdb(ImmutableChdbSettings.builder().sessionDataPath(OperatorPaths.CHDB_DIR).build())
        .auth(ImmutableAuthSettings.builder().enabled(false).build())
        .logging(ImmutableLoggingSettings.builder().level(LogLevel.INFO).format(LogFormat.TEXT).build())
        .limits(
            ImmutableLimitSettings.builder()
                .maxTagValuesPerMeasurement(100000)
                .maxMeasurementsPerDatabase(10000)
                .statementSummaryEnabled(true)
                .statementSummaryMaxEntries(1000)
                .hintedHandoffEnabled(true)
                .maxHintsPerPeer(100000)
                .maxHintAgeSecs(3600)
                .rateLimitEnabled(false)
                .maxRequestsPerSecond(0)
                .retentionEnabled(true)
                .build())
        .cluster(cluster())
        .monitoring(
            ImmutableMonitoringSettings.builder()
                .scrapeAnnotations(true)
                .serviceMonitor(true)
                .grafanaDashboard(false)
                .prometheusRule(false)
                .build())
        .failover(
            ImmutableFailoverSettings.builder().enabled(true).maxFailoverCount(1).failoverTimeoutSecs(300).build())
        .build();
  }

  /** A three-node cluster with every product default. */
  public static ImmutableClusterSpec threeNode() {
    return single().withReplicas(3);
  }

  /** Three nodes, autoscaling, proxy, every monitoring object and sync_quorum replication. */
  public static ImmutableClusterSpec highlyAvailable() {
    return threeNode()
        .withAutoscaling(
            ImmutableAutoscalingSettings.builder()
                .minReplicas(3)
                .maxReplicas(7)
                .targetCpuUtilizationPercentage(70)
                .build())
        .withProxy(proxy())
        .withMonitoring(
            ImmutableMonitoringSettings.builder()
                .scrapeAnnotations(true)
                .serviceMonitor(true)
                .grafanaDashboard(true)
                .prometheusRule(true)
                .build())
        .withCluster(
            cluster().withReplicationMode(ReplicationMode.SYNC_QUORUM).withMinAcks("majority"));
  }

  /** A single node serving HTTPS with the given certificate source. */
  public static ImmutableClusterSpec tlsSingle(TlsMode mode) {
    return single().withServer(server(mode));
  }

  public static ImmutableServerSettings server(TlsMode mode) {
    ImmutableTlsSettings.Builder tls = ImmutableTlsSettings.builder().mode(mode);
    if (mode == TlsMode.USER_SECRET) {
      tls.userSecretName("my-cert");
    }
    if (mode == TlsMode.CERT_MANAGER) {
      tls.issuer(ImmutableIssuerRef.builder().name("letsencrypt").kind("ClusterIssuer").group("cert-manager.io").build());
    }
    return ImmutableServerSettings.builder()
        .port(8086)
        .maxBodySizeBytes(26214400)
        .requestTimeoutSecs(30)
        .queryTimeoutSecs(30)
        .maxConcurrentQueries(0)
        .tls(tls.build())
        .build();
  }

  public static ImmutableClusterSettings cluster() {
    return ImmutableClusterSettings.builder()
        .heartbeatIntervalSecs(2)
        .heartbeatMissThreshold(5)
        .replicationMaxRetries(5)
        .replicationQueueDepth(8192)
        .replicationMaxInflightBatches(8)
        .replicationMaxCoalesceBodyBytes(8388608)
        .replicateReceiverQueueDepth(1024)
        .replicationTruncateStalePeerMultiplier(2)
        .raftHeartbeatIntervalMs(1000)
        .raftElectionTimeoutMs(3000)
        .raftSnapshotThreshold(1000)
        .replicationMode(ReplicationMode.ASYNC)
        .ackTimeoutMs(5000)
        .drainWaitSecs(10)
        .build();
  }

  public static ImmutableProxySettings proxy() {
    return ImmutableProxySettings.builder()
        .image("ghcr.io/hyperbyte-cloud/hyperbytedb-proxy:0.8.5")
        .replicas(2)
        .port(8086)
        .adminPort(8087)
        .healthPath("/health")
        .holdTimeoutSecs(30)
        .maxRetries(2)
        .shutdownGraceSecs(30)
        .requestTimeoutSecs(60)
        .serviceType(ServiceType.CLUSTER_IP)
        .build();
  }
}
