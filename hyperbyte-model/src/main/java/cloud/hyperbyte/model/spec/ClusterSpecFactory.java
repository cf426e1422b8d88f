package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.crd.CrdSchemaValidator;
import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.kube.DnsNames;
import cloud.hyperbyte.model.kube.KubernetesJson;
import cloud.hyperbyte.model.kube.Quantities;
import cloud.hyperbyte.model.v1alpha1.AuthSpec;
import cloud.hyperbyte.model.v1alpha1.AutoscalingSpec;
import cloud.hyperbyte.model.v1alpha1.CardinalitySpec;
import cloud.hyperbyte.model.v1alpha1.ChdbSpec;
import cloud.hyperbyte.model.v1alpha1.ClusterTuningSpec;
import cloud.hyperbyte.model.v1alpha1.FailoverSpec;
import cloud.hyperbyte.model.v1alpha1.FlushSpec;
import cloud.hyperbyte.model.v1alpha1.HintedHandoffSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.IssuerKind;
import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.LoggingSpec;
import cloud.hyperbyte.model.v1alpha1.MonitoringSpec;
import cloud.hyperbyte.model.v1alpha1.ProxySpec;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.model.v1alpha1.PvcRetentionSpec;
import cloud.hyperbyte.model.v1alpha1.RateLimitSpec;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import cloud.hyperbyte.model.v1alpha1.ReplicationSpec;
import cloud.hyperbyte.model.v1alpha1.RetentionSpec;
import cloud.hyperbyte.model.v1alpha1.ServerSpec;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import cloud.hyperbyte.model.v1alpha1.StatementSummarySpec;
import cloud.hyperbyte.model.v1alpha1.StorageSpec;
import cloud.hyperbyte.model.v1alpha1.TlsSpec;
import cloud.hyperbyte.model.v1alpha1.VolumeClaimTemplateSpec;
import cloud.hyperbyte.model.v1alpha1.WalFormat;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The one place that turns a {@link HyperbytedbCluster} into a {@link ClusterSpec}: checks it
 * against the generated CRD schema, checks the cross-field rules (the CRD's CEL rules and what only
 * the operator can know), applies every default, and reports every problem at once with its field
 * path. Defaults here equal the CRD's {@code default}s (a test holds them together).
 */
public final class ClusterSpecFactory {

  /** Server default of {@code raft_election_timeout_ms}; fails openraft validation (contract #12). */
  static final int DEFAULT_RAFT_HEARTBEAT_MS = 1000;

  static final int DEFAULT_RAFT_ELECTION_MS = 3000;

  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  /** {@code <name>-<hash>} of a StatefulSet's controller-revision-hash label must fit 63 chars. */
  private static final int MAX_NAME_LENGTH = 52;
  private static final Pattern HUMANTIME =
      Pattern.compile(
          "^([0-9]+ ?(nsec|ns|usec|us|msec|ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|w|months|month|M|years|year|y) ?)+$");
  private static final Pattern ZERO_HUMANTIME = Pattern.compile("^(0+ ?[a-zA-Z]+ ?)+$");

  /**
   * Where a bad cluster domain is reported: it is not a manifest field but the {@code --cluster-domain}
   * flag of {@code render} and {@code run} (chart value {@code clusterDomain}).
   */
  public static final String CLUSTER_DOMAIN_PATH = "--cluster-domain";


  private ClusterSpecFactory() {}

  /**
   * Validates {@code cluster} and builds its spec.
   *
   * @param cluster the custom resource as read from the API server or a manifest
   * @param clusterDomain Kubernetes DNS domain for stable member addresses
   */
  @SuppressWarnings("unchecked")
  public static Validated<ClusterSpec> from(HyperbytedbCluster cluster, String clusterDomain) {
    Map<String, Object> tree = KubernetesJson.SERIALIZATION.convertValue(cluster, Map.class);
    return from(cluster, clusterDomain,
        CrdSchemaValidator.validate(tree, CrdSchemas.openApiSchemaNode("hyperbytedbclusters")).stream()
            .filter(p -> p.severity() == Problem.Severity.ERROR)
            .toList());
  }

  /**
   * {@link #from(HyperbytedbCluster, String)} for a cluster bound value for value from a document
   * that passed the schema check without errors: the check would find nothing in it either, and
   * serializing the cluster for it cost a command-line render more than the rest of this method.
   */
  static Validated<ClusterSpec> fromChecked(HyperbytedbCluster cluster, String clusterDomain) {
    return from(cluster, clusterDomain, List.of());
  }

  private static Validated<ClusterSpec> from(HyperbytedbCluster cluster, String clusterDomain, List<Problem> schemaErrors) {
    List<Problem> problems = new ArrayList<>(schemaErrors);
    ObjectMeta meta = cluster.getMetadata() == null ? new ObjectMeta() : cluster.getMetadata();
    checkMetadata(meta, problems);
    // pasted into member addresses and certificates; refused here rather than in a pod's shell
    DnsNames.subdomain(clusterDomain).ifPresent(why -> problems.add(
        Problem.error(CLUSTER_DOMAIN_PATH, "the cluster domain " + why)));
    HyperbytedbClusterSpec spec = cluster.getSpec() == null ? new HyperbytedbClusterSpec() : cluster.getSpec();
    List<Problem> ruleProblems = new ArrayList<>();
    new Rules(spec, ruleProblems).check();
    BuiltInFieldRules.check(spec, ruleProblems);
    BuiltInFieldRules.checkMetadata(meta, ruleProblems);
    MonitoringRules.check(spec, ruleProblems);
    // a value the schema already rejected is reported once, by the schema check
    List<String> rejectedPaths = problems.stream().map(Problem::path).toList();
    ruleProblems.stream().filter(p -> !rejectedPaths.contains(p.path())).forEach(problems::add);
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      return Validated.failed(problems);
    }
    return Validated.of(build(meta, spec, clusterDomain, problems), problems);
  }

  private static void checkMetadata(ObjectMeta meta, List<Problem> problems) {
    String name = meta.getName();
    if (name == null || name.isEmpty()) {
      problems.add(Problem.error("metadata.name", "is required"));
    } else if (!DNS_1035_LABEL.matcher(name).matches()) {
      problems.add(
          Problem.error(
              "metadata.name",
              "\"" + name + "\" must be a DNS label: lowercase letters, digits and '-', starting with a letter"
                  + " (it names the StatefulSet, Services and pods)"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      problems.add(
          Problem.error(
              "metadata.name",
              "must be at most " + MAX_NAME_LENGTH + " characters so pod names and revision labels fit 63"));
    }
    if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
      problems.add(Problem.error("metadata.namespace", "is required (set it in the manifest or pass --namespace)"));
    } else {
      DnsNames.label(meta.getNamespace()).ifPresent(why -> problems.add(Problem.error("metadata.namespace", why)));
    }
  }

  private static ClusterSpec build(
      ObjectMeta meta, HyperbytedbClusterSpec spec, String clusterDomain, List<Problem> problems) {
    int replicas = or(spec.getReplicas(), 1);
    String version = ImageReference.normalizeVersion(or(spec.getVersion(), "0.8.5"));
    String repository = or(spec.getImage(), "ghcr.io/hyperbyte-cloud/hyperbytedb");
    if (ImageReference.hasTagOrDigest(repository) && spec.getVersion() != null) {
      problems.add(
          Problem.warning(
              "spec.image",
              "carries its own tag or digest, so spec.version (" + version + ") does not choose the image;"
                  + " it is only reported in status"));
    }
    if (replicas == 2) {
      problems.add(
          Problem.warning(
              "spec.replicas",
              "2 members tolerate no failure: losing either one stops schema changes (Raft needs a majority); use 3"));
    }
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return ImmutableClusterSpec.builder()
        .name(meta.getName())
        .namespace(meta.getNamespace())
        .uid(Optional.ofNullable(meta.getUid()))
        .clusterDomain(clusterDomain)
        .heldBy(Optional.ofNullable(annotations.get(OperatorPaths.RESTORE_HOLD_ANNOTATION)))
        .restartedAt(Optional.ofNullable(annotations.get(OperatorPaths.RESTARTED_AT_ANNOTATION)))
        .settingsWithoutEffect(GoOperatorFields.withoutEffect(spec))
        .replicas(replicas)
        .image(ImageReference.resolve(repository, version))
        .version(version)
        .imagePullPolicy(Optional.ofNullable(spec.getImagePullPolicy()))
        .imagePullSecrets(
            list(spec.getImagePullSecrets()).stream().map(LocalObjectReference::getName).toList())
        .paused(or(spec.getPaused(), false))
        .resources(Optional.ofNullable(spec.getResources()))
        .podAnnotations(ordered(spec.getPodAnnotations()))
        .podLabels(ordered(spec.getPodLabels()))
        .nodeSelector(ordered(spec.getNodeSelector()))
        .affinity(Optional.ofNullable(spec.getAffinity()))
        .tolerations(list(spec.getTolerations()))
        .topologySpreadConstraints(list(spec.getTopologySpreadConstraints()))
        .priorityClassName(Optional.ofNullable(spec.getPriorityClassName()))
        .additionalVolumes(list(spec.getAdditionalVolumes()))
        .additionalVolumeMounts(list(spec.getAdditionalVolumeMounts()))
        .podSecurityContext(Optional.ofNullable(spec.getPodSecurityContext()))
        .containerSecurityContext(Optional.ofNullable(spec.getContainerSecurityContext()))
        .server(server(or(spec.getServer(), new ServerSpec())))
        .storage(storage(or(spec.getStorage(), new StorageSpec())))
        .flush(flush(or(spec.getFlush(), new FlushSpec())))
        .chdb(chdb(or(spec.getChdb(), new ChdbSpec())))
        .auth(auth(or(spec.getAuth(), new AuthSpec())))
        .logging(logging(or(spec.getLogging(), new LoggingSpec())))
        .limits(limits(spec))
        .cluster(cluster(or(spec.getCluster(), new ClusterTuningSpec())))
        .monitoring(monitoring(or(spec.getMonitoring(), new MonitoringSpec())))
        .autoscaling(autoscaling(spec.getAutoscaling()))
        .failover(failover(or(spec.getFailover(), new FailoverSpec())))
        .seedNewMembers(spec.getScaling() == null || or(spec.getScaling().getSeedNewMembers(), true))
        .proxy(proxy(spec.getProxy(), version, or(spec.getServer(), new ServerSpec())))
        .pvcRetention(pvcRetention(spec.getPersistentVolumeClaimRetention()))
        .build();
  }

  private static ServerSettings server(ServerSpec server) {
    return ImmutableServerSettings.builder()
        .port(or(server.getPort(), 8086))
        .maxBodySizeBytes(nonZero(server.getMaxBodySizeBytes(), 26_214_400L))
        .requestTimeoutSecs(nonZero(server.getRequestTimeoutSecs(), 30))
        .queryTimeoutSecs(nonZero(server.getQueryTimeoutSecs(), 30))
        .maxConcurrentQueries(or(server.getMaxConcurrentQueries(), 0))
        .tls(tls(server.getTls()))
        .build();
  }

  private static TlsSettings tls(TlsSpec tls) {
    ImmutableTlsSettings.Builder builder = ImmutableTlsSettings.builder();
    if (tls == null || !or(tls.getEnabled(), false)) {
      return builder.mode(TlsMode.DISABLED).build();
    }
    if (tls.getSecretName() != null) {
      return builder.mode(TlsMode.USER_SECRET).userSecretName(tls.getSecretName()).build();
    }
    if (tls.getCertManagerIssuerRef() != null) {
      var ref = tls.getCertManagerIssuerRef();
      return builder
          .mode(TlsMode.CERT_MANAGER)
          .issuer(
              ImmutableIssuerRef.builder()
                  .name(ref.getName())
                  .kind(or(ref.getKind(), IssuerKind.ISSUER).wireValue())
                  .group(or(ref.getGroup(), "cert-manager.io"))
                  .build())
          .build();
    }
    return builder.mode(TlsMode.OPERATOR_CA).build();
  }

  private static StorageSettings storage(StorageSpec storage) {
    VolumeClaimTemplateSpec claim = or(storage.getVolumeClaimTemplate(), new VolumeClaimTemplateSpec());
    return ImmutableStorageSettings.builder()
        .storageClassName(Optional.ofNullable(claim.getStorageClassName()))
        .size(or(claim.getSize(), "10Gi"))
        .walFormat(or(storage.getWalFormat(), WalFormat.BINCODE))
        .build();
  }

  private static FlushSettings flush(FlushSpec flush) {
    return ImmutableFlushSettings.builder()
        .intervalSecs(nonZero(flush.getIntervalSecs(), 10))
        .maxPointsPerBatch(nonZero(flush.getMaxPointsPerBatch(), 50_000))
        .arrowWalEnabled(or(flush.getArrowWalEnabled(), true))
        .walBatchSize(or(flush.getWalBatchSize(), 64))
        .walBatchDelayUs(or(flush.getWalBatchDelayUs(), 200L))
        .build();
  }

  private static ChdbSettings chdb(ChdbSpec chdb) {
    return ImmutableChdbSettings.builder()
        .poolSize(optionalInt(chdb.getPoolSize()))
        .queryPoolSize(optionalInt(chdb.getQueryPoolSize()))
        .writePoolSize(optionalInt(chdb.getWritePoolSize()))
        .sessionDataPath(or(chdb.getSessionDataPath(), OperatorPaths.CHDB_DIR))
        .build();
  }

  private static AuthSettings auth(AuthSpec auth) {
    return ImmutableAuthSettings.builder()
        .enabled(or(auth.getEnabled(), false))
        .credentialsSecretName(Optional.ofNullable(auth.getCredentialsSecretName()))
        .build();
  }

  private static LoggingSettings logging(LoggingSpec logging) {
    return ImmutableLoggingSettings.builder()
        .level(or(logging.getLevel(), LogLevel.INFO))
        .format(or(logging.getFormat(), LogFormat.TEXT))
        .build();
  }

  private static LimitSettings limits(HyperbytedbClusterSpec spec) {
    CardinalitySpec cardinality = or(spec.getCardinality(), new CardinalitySpec());
    StatementSummarySpec summary = or(spec.getStatementSummary(), new StatementSummarySpec());
    HintedHandoffSpec handoff = or(spec.getHintedHandoff(), new HintedHandoffSpec());
    RateLimitSpec rateLimit = or(spec.getRateLimit(), new RateLimitSpec());
    RetentionSpec retention = or(spec.getRetention(), new RetentionSpec());
    return ImmutableLimitSettings.builder()
        .maxTagValuesPerMeasurement(nonZero(cardinality.getMaxTagValuesPerMeasurement(), 100_000L))
        .maxMeasurementsPerDatabase(nonZero(cardinality.getMaxMeasurementsPerDatabase(), 10_000L))
        .statementSummaryEnabled(or(summary.getEnabled(), true))
        .statementSummaryMaxEntries(nonZero(summary.getMaxEntries(), 1000))
        .hintedHandoffEnabled(or(handoff.getEnabled(), true))
        .maxHintsPerPeer(nonZero(handoff.getMaxHintsPerPeer(), 100_000L))
        .maxHintAgeSecs(nonZero(handoff.getMaxHintAgeSecs(), 3600L))
        .rateLimitEnabled(or(rateLimit.getEnabled(), false))
        .maxRequestsPerSecond(or(rateLimit.getMaxRequestsPerSecond(), 0L))
        .retentionEnabled(or(retention.getEnabled(), true))
        .retentionInterval(Optional.ofNullable(retention.getInterval()).map(String::trim))
        .build();
  }

  private static ClusterSettings cluster(ClusterTuningSpec cluster) {
    ReplicationSpec replication = or(cluster.getReplication(), new ReplicationSpec());
    Optional<String> minAcks =
        Optional.ofNullable(replication.getSyncQuorum())
            .map(q -> q.getMinAcks())
            .map(v -> v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal());
    return ImmutableClusterSettings.builder()
        .heartbeatIntervalSecs(nonZero(cluster.getHeartbeatIntervalSecs(), 2))
        .heartbeatMissThreshold(nonZero(cluster.getHeartbeatMissThreshold(), 5))
        .replicationMaxRetries(nonZero(cluster.getReplicationMaxRetries(), 5))
        .replicationQueueDepth(nonZero(cluster.getReplicationQueueDepth(), 8192))
        .replicationMaxInflightBatches(nonZero(cluster.getReplicationMaxInflightBatches(), 8))
        .replicationMaxCoalesceBodyBytes(nonZero(cluster.getReplicationMaxCoalesceBodyBytes(), 8_388_608L))
        .replicateReceiverQueueDepth(nonZero(cluster.getReplicateReceiverQueueDepth(), 1024))
        .replicationTruncateStalePeerMultiplier(nonZero(cluster.getReplicationTruncateStalePeerMultiplier(), 2))
        .raftHeartbeatIntervalMs(nonZero(cluster.getRaftHeartbeatIntervalMs(), DEFAULT_RAFT_HEARTBEAT_MS))
        .raftElectionTimeoutMs(nonZero(cluster.getRaftElectionTimeoutMs(), DEFAULT_RAFT_ELECTION_MS))
        .raftSnapshotThreshold(nonZero(cluster.getRaftSnapshotThreshold(), 1000))
        .replicationMode(or(replication.getMode(), ReplicationMode.ASYNC))
        .ackTimeoutMs(nonZero(replication.getAckTimeoutMs(), 5000L))
        .minAcks(minAcks)
        .drainWaitSecs(or(cluster.getDrainWaitSecs(), 10))
        .build();
  }

  private static MonitoringSettings monitoring(MonitoringSpec monitoring) {
    return ImmutableMonitoringSettings.builder()
        .scrapeAnnotations(or(monitoring.getEnabled(), true))
        .serviceMonitor(or(monitoring.getServiceMonitor(), true))
        .serviceMonitorLabels(ordered(monitoring.getServiceMonitorLabels()))
        .serviceMonitorInterval(or(monitoring.getServiceMonitorInterval(), MonitoringSettings.DEFAULT_INTERVAL))
        .serviceMonitorScrapeTimeout(Optional.ofNullable(monitoring.getServiceMonitorScrapeTimeout()))
        .serviceMonitorRelabelings(list(monitoring.getServiceMonitorRelabelings()))
        .serviceMonitorMetricRelabelings(list(monitoring.getServiceMonitorMetricRelabelings()))
        .grafanaDashboard(or(monitoring.getGrafanaDashboard(), false))
        .grafanaDashboardLabels(monitoring.getGrafanaDashboardLabels() == null
            ? MonitoringSettings.DEFAULT_DASHBOARD_LABELS : ordered(monitoring.getGrafanaDashboardLabels()))
        .prometheusRule(or(monitoring.getPrometheusRule(), false))
        .build();
  }

  private static Optional<AutoscalingSettings> autoscaling(AutoscalingSpec autoscaling) {
    if (autoscaling == null || !or(autoscaling.getEnabled(), false)) {
      return Optional.empty();
    }
    return Optional.of(
        ImmutableAutoscalingSettings.builder()
            .minReplicas(or(autoscaling.getMinReplicas(), 1))
            .maxReplicas(autoscaling.getMaxReplicas())
            .targetCpuUtilizationPercentage(or(autoscaling.getTargetCPUUtilizationPercentage(), 80))
            .build());
  }

  private static FailoverSettings failover(FailoverSpec failover) {
    return ImmutableFailoverSettings.builder()
        .enabled(or(failover.getEnabled(), true))
        .maxFailoverCount(or(failover.getMaxFailoverCount(), 1))
        .failoverTimeoutSecs(or(failover.getFailoverTimeoutSecs(), 300))
        .build();
  }

  private static Optional<ProxySettings> proxy(ProxySpec proxy, String version, ServerSpec server) {
    if (proxy == null || !or(proxy.getEnabled(), false)) {
      return Optional.empty();
    }
    String image = or(proxy.getImage(), "ghcr.io/hyperbyte-cloud/hyperbytedb-proxy");
    return Optional.of(
        ImmutableProxySettings.builder()
            .image(ImageReference.resolve(image, version))
            .imageFollowsVersion(!ImageReference.hasTagOrDigest(image))
            .imagePullPolicy(Optional.ofNullable(proxy.getImagePullPolicy()))
            .imagePullSecrets(list(proxy.getImagePullSecrets()).stream().map(LocalObjectReference::getName).toList())
            .replicas(or(proxy.getReplicas(), 2))
            .port(or(proxy.getPort(), or(server.getPort(), 8086)))
            .adminPort(or(proxy.getAdminPort(), 8087))
            .healthPath(or(proxy.getHealthPath(), "/health"))
            .holdTimeoutSecs(or(proxy.getHoldTimeoutSecs(), 30))
            .maxRetries(nonZero(proxy.getMaxRetries(), 2))
            .shutdownGraceSecs(or(proxy.getShutdownGraceSecs(), 30))
            .requestTimeoutSecs(or(proxy.getRequestTimeoutSecs(), 60))
            .resources(Optional.ofNullable(proxy.getResources()))
            .serviceType(or(proxy.getServiceType(), ServiceType.CLUSTER_IP))
            .nodePort(optionalInt(proxy.getNodePort()))
            .podAnnotations(ordered(proxy.getPodAnnotations()))
            .podLabels(ordered(proxy.getPodLabels()))
            .build());
  }

  private static Optional<PvcRetentionSettings> pvcRetention(PvcRetentionSpec retention) {
    if (retention == null) {
      return Optional.empty();
    }
    return Optional.of(
        ImmutablePvcRetentionSettings.builder()
            .whenScaled(or(retention.getWhenScaled(), PvcRetention.DELETE))
            .whenDeleted(or(retention.getWhenDeleted(), PvcRetention.RETAIN))
            .build());
  }

  /** Cross-field rules: the CRD's CEL rules plus what only the operator knows. */
  private static final class Rules {
    private final HyperbytedbClusterSpec spec;
    private final List<Problem> problems;
    private final int replicas;

    Rules(HyperbytedbClusterSpec spec, List<Problem> problems) {
      this.spec = spec;
      this.problems = problems;
      this.replicas = or(spec.getReplicas(), 1);
    }

    void check() {
      raftTiming();
      flushBatch();
      GoOperatorFields.check(spec, problems);
      multiNodeTlsAndAuth();
      tlsSource(spec.getServer() == null ? null : spec.getServer().getTls(), "spec.server.tls");
      tlsSource(spec.getCluster() == null ? null : spec.getCluster().getTls(), "spec.cluster.tls");
      clusterTls();
      autoscalingBounds();
      reservedLabels();
      mounts();
      storageSize();
      retentionInterval();
      chdbPath();
      minAcks();
      proxyPorts();
    }

    private void raftTiming() {
      ClusterTuningSpec cluster = or(spec.getCluster(), new ClusterTuningSpec());
      int heartbeat = nonZero(cluster.getRaftHeartbeatIntervalMs(), DEFAULT_RAFT_HEARTBEAT_MS);
      int election = nonZero(cluster.getRaftElectionTimeoutMs(), DEFAULT_RAFT_ELECTION_MS);
      Integer heartbeatSet = cluster.getRaftHeartbeatIntervalMs();
      if (heartbeatSet != null && heartbeatSet > 0 && heartbeatSet < 50) {
        problems.add(Problem.error("spec.cluster.raftHeartbeatIntervalMs", "must be 0 (the default, "
            + DEFAULT_RAFT_HEARTBEAT_MS + ") or at least 50"));
      }
      Integer electionSet = cluster.getRaftElectionTimeoutMs();
      if (electionSet != null && electionSet > 0 && electionSet < 100) {
        problems.add(Problem.error("spec.cluster.raftElectionTimeoutMs", "must be 0 (the default, "
            + DEFAULT_RAFT_ELECTION_MS + ") or at least 100"));
      } else if (election <= heartbeat) {
        problems.add(
            Problem.error(
                "spec.cluster.raftElectionTimeoutMs",
                "must be greater than raftHeartbeatIntervalMs (" + election + " <= " + heartbeat
                    + "): HyperbyteDB refuses to start Raft otherwise (\"invalid raft config\");"
                    + " use at least 3 x the heartbeat, e.g. " + (heartbeat * 3)));
      }
    }

    private void flushBatch() {
      Integer batch = spec.getFlush() == null ? null : spec.getFlush().getMaxPointsPerBatch();
      if (batch != null && batch > 0 && batch < 10_000) {
        problems.add(Problem.error("spec.flush.maxPointsPerBatch", "must be 0 (the default, 50000) or 10000 to"
            + " 500000: the server clamps smaller batches to 10000"));
      }
    }

    private void multiNodeTlsAndAuth() {
      int maxReplicas = replicas;
      AutoscalingSpec autoscaling = spec.getAutoscaling();
      if (autoscaling != null && or(autoscaling.getEnabled(), false) && autoscaling.getMaxReplicas() != null) {
        maxReplicas = Math.max(maxReplicas, autoscaling.getMaxReplicas());
      }
      boolean multi = maxReplicas > 1;
      String why = replicas > 1 ? "replicas is " + replicas : "autoscaling may grow the cluster to " + maxReplicas;
      TlsSpec tls = spec.getServer() == null ? null : spec.getServer().getTls();
      if (multi && tls != null && or(tls.getEnabled(), false)) {
        problems.add(
            Problem.error(
                "spec.server.tls.enabled",
                "needs a single-member cluster (" + why + "): HyperbyteDB 0.8.5 talks plain HTTP between"
                    + " nodes, so HTTPS on the node port breaks replication and Raft; run replicas: 1"
                    + " or terminate TLS in front of the cluster"));
      }
      AuthSpec auth = spec.getAuth();
      if (auth != null && or(auth.getEnabled(), false)) {
        if (multi) {
          problems.add(
              Problem.error(
                  "spec.auth.enabled",
                  "needs a single-member cluster (" + why + "): HyperbyteDB 0.8.5 sends no credentials"
                      + " between nodes, so peers would get 401 on every replication and Raft call"));
        }
        if (auth.getCredentialsSecretName() == null || auth.getCredentialsSecretName().isEmpty()) {
          problems.add(
              Problem.error(
                  "spec.auth.credentialsSecretName",
                  "is required when auth is enabled: the server has no first-admin mechanism, so the"
                      + " operator creates the admin user from this Secret (keys username, password)"));
        }
      }
    }

    private void tlsSource(TlsSpec tls, String path) {
      if (tls != null && tls.getSecretName() != null && tls.getCertManagerIssuerRef() != null) {
        problems.add(Problem.error(path, "set either secretName or certManagerIssuerRef, not both"));
      }
    }

    private void clusterTls() {
      ClusterTuningSpec cluster = spec.getCluster();
      if (cluster != null && cluster.getTls() != null && or(cluster.getTls().getEnabled(), false)) {
        problems.add(
            Problem.error(
                "spec.cluster.tls.enabled",
                "is not supported: HyperbyteDB 0.8.5 has no TLS between nodes (all peer traffic is"
                    + " plain http://); remove it, and use server.tls on a single-member cluster"));
      }
    }

    private void autoscalingBounds() {
      AutoscalingSpec autoscaling = spec.getAutoscaling();
      if (autoscaling == null || !or(autoscaling.getEnabled(), false)) {
        return;
      }
      if (autoscaling.getMaxReplicas() == null) {
        problems.add(Problem.error("spec.autoscaling.maxReplicas", "is required when autoscaling is enabled"));
      } else if (autoscaling.getMinReplicas() != null && autoscaling.getMinReplicas() > autoscaling.getMaxReplicas()) {
        problems.add(
            Problem.error(
                "spec.autoscaling.minReplicas",
                "must not exceed maxReplicas (" + autoscaling.getMinReplicas() + " > " + autoscaling.getMaxReplicas() + ")"));
      }
    }

    private void reservedLabels() {
      for (String key : or(spec.getPodLabels(), Map.<String, String>of()).keySet()) {
        if (OperatorPaths.RESERVED_LABELS.contains(key)) {
          problems.add(
              Problem.error(
                  "spec.podLabels",
                  "may not set " + key + ": the operator sets it to select its pods; remove it from podLabels"));
        }
      }
    }

    private void mounts() {
      var mounts = list(spec.getAdditionalVolumeMounts());
      for (int i = 0; i < mounts.size(); i++) {
        String path = mounts.get(i).getMountPath();
        if (path == null) {
          continue;
        }
        for (String reserved : OperatorPaths.RESERVED_MOUNT_PATHS) {
          if (overlaps(path, reserved)) {
            problems.add(
                Problem.error(
                    "spec.additionalVolumeMounts[" + i + "].mountPath",
                    "\"" + path + "\" collides with " + reserved + ", which the operator mounts; choose another path"));
          }
        }
      }
      var volumes = list(spec.getAdditionalVolumes());
      for (int i = 0; i < volumes.size(); i++) {
        if (OperatorPaths.RESERVED_VOLUME_NAMES.contains(volumes.get(i).getName())) {
          problems.add(
              Problem.error(
                  "spec.additionalVolumes[" + i + "].name",
                  "\"" + volumes.get(i).getName() + "\" is used by the operator; rename the volume"));
        }
      }
    }

    private void storageSize() {
      StorageSpec storage = spec.getStorage();
      String size =
          storage == null || storage.getVolumeClaimTemplate() == null
              ? null
              : storage.getVolumeClaimTemplate().getSize();
      if (size == null) {
        return;
      }
      Optional<BigDecimal> bytes = Quantities.parse(size);
      if (bytes.isEmpty()) {
        problems.add(
            Problem.error(
                "spec.storage.volumeClaimTemplate.size", "\"" + size + "\" is not a Kubernetes quantity such as 10Gi"));
      } else if (bytes.get().signum() <= 0) {
        problems.add(Problem.error("spec.storage.volumeClaimTemplate.size", "must be greater than zero"));
      }
    }

    private void retentionInterval() {
      RetentionSpec retention = spec.getRetention();
      if (retention == null || retention.getInterval() == null) {
        return;
      }
      String interval = retention.getInterval().trim();
      if (!HUMANTIME.matcher(interval).matches() || ZERO_HUMANTIME.matcher(interval).matches()) {
        problems.add(
            Problem.error(
                "spec.retention.interval",
                "\"" + interval + "\" is not a positive humantime duration such as 60s, 5m or 12h; the server"
                    + " would silently fall back to 60s"));
      }
    }

    private void chdbPath() {
      ChdbSpec chdb = spec.getChdb();
      if (chdb == null || chdb.getSessionDataPath() == null) {
        return;
      }
      String path = chdb.getSessionDataPath();
      boolean inside = path.startsWith(OperatorPaths.DATA_DIR + "/") && !path.contains("..");
      if (!inside) {
        problems.add(
            Problem.error(
                "spec.chdb.sessionDataPath",
                "\"" + path + "\" must lie on the member volume under " + OperatorPaths.DATA_DIR + "/"));
      }
      for (String reserved : OperatorPaths.SERVER_DATA_DIRS) {
        if (overlaps(path, reserved)) {
          problems.add(
              Problem.error(
                  "spec.chdb.sessionDataPath",
                  "\"" + path + "\" collides with the server directory " + reserved));
        }
      }
    }

    private void minAcks() {
      ClusterTuningSpec cluster = spec.getCluster();
      var quorum =
          cluster == null || cluster.getReplication() == null ? null : cluster.getReplication().getSyncQuorum();
      if (quorum == null || quorum.getMinAcks() == null) {
        return;
      }
      var value = quorum.getMinAcks();
      boolean valid =
          value.getIntVal() != null ? value.getIntVal() >= 1 : "majority".equals(value.getStrVal());
      if (!valid) {
        problems.add(
            Problem.error(
                "spec.cluster.replication.syncQuorum.minAcks",
                "must be a positive integer or \"majority\", got " + Objects.toString(value.getValue())));
      }
      boolean syncQuorum = cluster.getReplication().getMode() == ReplicationMode.SYNC_QUORUM;
      if (valid && syncQuorum && value.getIntVal() != null && replicas > 1 && value.getIntVal() > replicas - 1) {
        problems.add(
            Problem.error(
                "spec.cluster.replication.syncQuorum.minAcks",
                value.getIntVal() + " can never be reached: the server counts peer acks, and " + replicas
                    + " replicas have " + (replicas - 1) + " peers; use at most " + (replicas - 1)
                    + " or \"majority\""));
      }
    }

    private void proxyPorts() {
      ProxySpec proxy = spec.getProxy();
      if (proxy == null || !or(proxy.getEnabled(), false)) {
        return;
      }
      int port = or(proxy.getPort(), spec.getServer() == null ? 8086 : or(spec.getServer().getPort(), 8086));
      int admin = or(proxy.getAdminPort(), 8087);
      if (port == admin) {
        problems.add(Problem.error("spec.proxy.adminPort", "must differ from the proxy port " + port));
      }
      if (proxy.getNodePort() != null && or(proxy.getServiceType(), ServiceType.CLUSTER_IP) == ServiceType.CLUSTER_IP) {
        problems.add(
            Problem.error("spec.proxy.nodePort", "needs serviceType NodePort or LoadBalancer, not ClusterIP"));
      }
    }

    private static boolean overlaps(String path, String reserved) {
      String a = stripSlash(path);
      String b = stripSlash(reserved);
      return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private static String stripSlash(String path) {
      return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** The Go operator's rule for its numeric settings: unset or 0 both mean the default. */
  private static int nonZero(Integer value, int fallback) {
    return value == null || value == 0 ? fallback : value;
  }

  private static long nonZero(Long value, long fallback) {
    return value == null || value == 0 ? fallback : value;
  }

  private static OptionalInt optionalInt(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : value;
  }

  private static Map<String, String> ordered(Map<String, String> value) {
    return value == null ? Map.of() : new LinkedHashMap<>(value);
  }
}
