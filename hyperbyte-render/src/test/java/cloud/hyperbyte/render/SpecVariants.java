package cloud.hyperbyte.render;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableChdbSettings;
import cloud.hyperbyte.model.spec.ImmutablePvcRetentionSettings;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.PullPolicy;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import cloud.hyperbyte.model.v1alpha1.WalFormat;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.Arguments;

/** A broad, named set of specs for tests that must hold for every rendered cluster. */
public final class SpecVariants {

  private SpecVariants() {}

  /** Named specs covering every optional object and every branch of the renderers. */
  public static Map<String, ClusterSpec> all() {
    Map<String, ClusterSpec> specs = new LinkedHashMap<>();
    specs.put("single", TestSpecs.single());
    specs.put("three-node", TestSpecs.threeNode());
    specs.put("two-node", TestSpecs.single().withReplicas(2));
    specs.put("five-node-integer-quorum",
        TestSpecs.single().withReplicas(5)
            .withCluster(TestSpecs.cluster().withReplicationMode(ReplicationMode.SYNC_QUORUM).withMinAcks("2")));
    specs.put("ha-autoscaling-proxy-monitoring", TestSpecs.highlyAvailable());
    specs.put("ha-nodeport-proxy",
        TestSpecs.highlyAvailable().withProxy(TestSpecs.proxy().withServiceType(ServiceType.NODE_PORT).withNodePort(30086)
            .withImagePullPolicy(PullPolicy.ALWAYS)
            .withResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m")).build())
            .withPodLabels(Map.of("team", "edge"))
            .withPodAnnotations(Map.of("note", "proxy"))));
    specs.put("sync-quorum-without-min-acks",
        TestSpecs.threeNode().withCluster(TestSpecs.cluster().withReplicationMode(ReplicationMode.SYNC_QUORUM)));
    for (TlsMode mode : TlsMode.values()) {
      if (mode != TlsMode.DISABLED) {
        specs.put("tls-" + mode.name().toLowerCase(), TestSpecs.tlsSingle(mode));
      }
    }
    specs.put("tls-cert-manager-with-proxy", TestSpecs.tlsSingle(TlsMode.CERT_MANAGER).withProxy(TestSpecs.proxy()));
    specs.put("custom-security-contexts",
        TestSpecs.threeNode()
            .withPodSecurityContext(new PodSecurityContextBuilder().withRunAsUser(0L).withRunAsNonRoot(false).build())
            .withContainerSecurityContext(new SecurityContextBuilder().withReadOnlyRootFilesystem(false).build()));
    specs.put("additional-volumes-and-scheduling",
        TestSpecs.threeNode()
            .withAdditionalVolumes(new VolumeBuilder().withName("extra").withNewEmptyDir().endEmptyDir().build())
            .withAdditionalVolumeMounts(new VolumeMountBuilder().withName("extra").withMountPath("/extra").build())
            .withNodeSelector(Map.of("disktype", "ssd"))
            .withTolerations(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("db").withEffect("NoSchedule").build())
            .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "db").endLabelSelector().build())
            .withPriorityClassName("high")
            .withImagePullSecrets("regcred")
            .withImagePullPolicy(PullPolicy.IF_NOT_PRESENT)
            .withResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("4Gi")).build())
            .withPodAnnotations(Map.of("backup", "daily"))
            .withPodLabels(Map.of("team", "metrics"))
            .withAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("a").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()));
    specs.put("tuned-server",
        TestSpecs.single()
            .withStorage(cloud.hyperbyte.model.spec.ImmutableStorageSettings.copyOf(TestSpecs.single().storage()).withStorageClassName("fast").withSize("100Gi").withWalFormat(WalFormat.ARROW_IPC))
            .withChdb(ImmutableChdbSettings.builder().sessionDataPath(OperatorPaths.CHDB_DIR + "/custom").poolSize(2).queryPoolSize(8).writePoolSize(4).build())
            .withLogging(cloud.hyperbyte.model.spec.ImmutableLoggingSettings.copyOf(TestSpecs.single().logging()).withLevel(LogLevel.DEBUG).withFormat(LogFormat.JSON))
            .withLimits(cloud.hyperbyte.model.spec.ImmutableLimitSettings.copyOf(TestSpecs.single().limits()).withRetentionInterval("30m").withRateLimitEnabled(true).withMaxRequestsPerSecond(500))
            .withAuth(cloud.hyperbyte.model.spec.ImmutableAuthSettings.copyOf(TestSpecs.single().auth()).withEnabled(true).withCredentialsSecretName("admin"))
            .withPvcRetention(ImmutablePvcRetentionSettings.builder().whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.RETAIN).build())
            .withClusterDomain("corp.internal"));
    specs.put("held-by-restore", TestSpecs.threeNode().withHeldBy("restore-1"));
    specs.put("offline-without-uid", TestSpecs.single().withUid(java.util.Optional.empty()));
    specs.put("monitoring-off",
        TestSpecs.single().withMonitoring(cloud.hyperbyte.model.spec.ImmutableMonitoringSettings.copyOf(TestSpecs.single().monitoring()).withScrapeAnnotations(false).withServiceMonitor(false)));
    specs.put("monitoring-tuned-with-tls", monitoringTuned());
    return specs;
  }

  /**
   * Every ServiceMonitor and dashboard setting, on a TLS member with all monitoring objects, so the
   * certificate alerts are rendered too.
   */
  public static ClusterSpec monitoringTuned() {
    cloud.hyperbyte.model.v1alpha1.RelabelConfig node = new cloud.hyperbyte.model.v1alpha1.RelabelConfig();
    node.setSourceLabels(List.of("__meta_kubernetes_pod_node_name"));
    node.setTargetLabel("node");
    cloud.hyperbyte.model.v1alpha1.RelabelConfig shard = new cloud.hyperbyte.model.v1alpha1.RelabelConfig();
    shard.setSourceLabels(List.of("__address__"));
    shard.setModulus(4L);
    shard.setTargetLabel("__tmp_hash");
    shard.setAction("hashmod");
    cloud.hyperbyte.model.v1alpha1.RelabelConfig dropGo = new cloud.hyperbyte.model.v1alpha1.RelabelConfig();
    dropGo.setSourceLabels(List.of("__name__"));
    dropGo.setRegex("go_.*");
    dropGo.setAction("Drop");
    cloud.hyperbyte.model.spec.ImmutableClusterSpec tls = cloud.hyperbyte.model.spec.ImmutableClusterSpec.copyOf(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA));
    return tls.withMonitoring(cloud.hyperbyte.model.spec.ImmutableMonitoringSettings.copyOf(tls.monitoring())
        .withServiceMonitor(true)
        .withServiceMonitorLabels(Map.of("release", "kube-prometheus-stack", "team", "metrics"))
        .withServiceMonitorInterval("1m")
        .withServiceMonitorScrapeTimeout("45s")
        .withServiceMonitorRelabelings(node, shard)
        .withServiceMonitorMetricRelabelings(dropGo)
        .withGrafanaDashboard(true)
        .withGrafanaDashboardLabels(Map.of("grafana_dashboard", "true"))
        .withPrometheusRule(true));
  }

  /** {@link #all()} as JUnit arguments (name, spec). */
  public static List<Arguments> arguments() {
    return all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue())).toList();
  }
}
