package cloud.hyperbyte.render.workload;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutablePvcRetentionSettings;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.render.ImmutableRenderOptions;
import cloud.hyperbyte.render.RenderOptions;
import cloud.hyperbyte.render.SpecVariants;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetRendererTest {

  private static final String HASH = "0123456789abcdef";

  private static StatefulSet render(ClusterSpec spec) {
    return StatefulSetRenderer.render(spec, RenderOptions.defaults(), HASH);
  }

  private static PodSpec pod(ClusterSpec spec) {
    return render(spec).getSpec().getTemplate().getSpec();
  }

  private static Container container(ClusterSpec spec) {
    return pod(spec).getContainers().get(0);
  }

  @Test
  void givenThreeNodesExpectIdentityServiceSelectorAndParallelPods() {
    StatefulSet sts = render(TestSpecs.threeNode());

    assertThat(sts.getMetadata().getName()).isEqualTo("db");
    assertThat(sts.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(sts.getSpec().getServiceName()).isEqualTo("db-headless");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
    assertThat(sts.getSpec().getSelector().getMatchLabels()).isEqualTo(ClusterLabels.selector("db"));
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(ClusterLabels.selector("db"))
        .containsEntry(ClusterLabels.VERSION, "0.8.5");
  }

  @Test
  void givenDefaultOptionsExpectOnDeleteSoOnlyTheOperatorRestartsMembers() {
    StatefulSet sts = render(TestSpecs.threeNode());

    assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
  }

  @Test
  void givenPartitionOrOnDeleteOptionExpectThatStrategy() {
    StatefulSet partitioned =
        StatefulSetRenderer.render(TestSpecs.threeNode(), ImmutableRenderOptions.builder()
            .updateStrategy(RenderOptions.UpdateStrategy.PARTITIONED_ROLLING_UPDATE).partition(1).build(), HASH);
    StatefulSet onDelete =
        StatefulSetRenderer.render(
            TestSpecs.threeNode(),
            ImmutableRenderOptions.builder().updateStrategy(RenderOptions.UpdateStrategy.ON_DELETE).build(),
            HASH);

    assertThat(partitioned.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(1);
    assertThat(onDelete.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
    assertThat(onDelete.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
  }

  @Test
  void givenRestoreHoldExpectZeroReplicas() {
    assertThat(render(TestSpecs.threeNode().withHeldBy("restore-1")).getSpec().getReplicas()).isZero();
  }

  @Test
  void givenRestoreHoldExpectClaimsRetainedWhenScaledWhateverTheUsersPolicy() {
    ClusterSpec deleting = TestSpecs.threeNode().withPvcRetention(
        ImmutablePvcRetentionSettings.builder().whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.DELETE).build());

    var held = render(TestSpecs.threeNode().withPvcRetention(deleting.pvcRetention()).withHeldBy("restore-1"))
        .getSpec().getPersistentVolumeClaimRetentionPolicy();

    assertThat(held.getWhenScaled()).as("the hold scales to zero: Delete would drop every volume").isEqualTo("Retain");
    assertThat(held.getWhenDeleted()).as("deletion is the user's call").isEqualTo("Delete");
    assertThat(render(deleting).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
        .as("the user's policy once released").isEqualTo("Delete");
  }

  @Test
  void givenStorageAndRetentionExpectDataClaimAndRetentionPolicy() {
    ClusterSpec spec =
        TestSpecs.single()
            .withStorage(cloud.hyperbyte.model.spec.ImmutableStorageSettings.copyOf(TestSpecs.single().storage()).withStorageClassName("fast").withSize("50Gi"))
            .withPvcRetention(ImmutablePvcRetentionSettings.builder().whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.RETAIN).build());

    StatefulSet sts = render(spec);

    var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("data");
    assertThat(claim.getMetadata().getLabels()).isEqualTo(ClusterLabels.selector("db"));
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("50Gi");
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Delete");
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    assertThat(render(TestSpecs.single()).getSpec().getPersistentVolumeClaimRetentionPolicy()).isNull();
  }

  @Test
  void givenAnySpecExpectNoInitContainersNoServiceLinksAndAShellStart() {
    for (ClusterSpec spec : SpecVariants.all().values()) {
      PodSpec pod = pod(spec);
      assertThat(pod.getInitContainers()).isEmpty();
      assertThat(pod.getEnableServiceLinks()).isFalse();
      assertThat(pod.getContainers()).hasSize(1);
      assertThat(pod.getContainers().get(0).getCommand()).startsWith("/bin/sh", "-c");
      assertThat(pod.getContainers().get(0).getCommand().get(2))
          .contains("exec hyperbytedb --config /etc/hyperbytedb/config.toml serve");
    }
  }

  @Test
  void givenPodAnnotationsExpectUserAnnotationsConfigHashAndScrapeAnnotations() {
    Map<String, String> annotations =
        render(TestSpecs.single().withPodAnnotations(Map.of("backup", "daily")))
            .getSpec().getTemplate().getMetadata().getAnnotations();

    assertThat(annotations)
        .containsEntry("backup", "daily")
        .containsEntry(Annotations.CONFIG_HASH, HASH)
        .containsEntry(Annotations.PROMETHEUS_SCRAPE, "true")
        .containsEntry(Annotations.PROMETHEUS_PORT, "8086")
        .doesNotContainKey(Annotations.CERTIFICATE_HASH);
  }

  @Test
  void givenScrapeAnnotationsOffExpectNone() {
    ClusterSpec spec =
        TestSpecs.single().withMonitoring(cloud.hyperbyte.model.spec.ImmutableMonitoringSettings.copyOf(TestSpecs.single().monitoring()).withScrapeAnnotations(false));

    assertThat(render(spec).getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys(Annotations.CONFIG_HASH);
  }

  @Test
  void givenCertificateHashOptionExpectItOnlyWithTls() {
    RenderOptions options = ImmutableRenderOptions.builder().certificateHash("feedface").build();

    assertThat(StatefulSetRenderer.render(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA), options, HASH)
            .getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Annotations.CERTIFICATE_HASH, "feedface")
        .containsEntry(Annotations.PROMETHEUS_SCHEME, "https");
    assertThat(StatefulSetRenderer.render(TestSpecs.single(), options, HASH)
            .getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(Annotations.CERTIFICATE_HASH);
  }

  @Test
  void givenARestartRequestExpectItsValueOnThePodTemplateAndNothingElseChanged() {
    StatefulSet requested = render(TestSpecs.threeNode().withRestartedAt("2026-12-07T07:00:00+00:00"));
    StatefulSet plain = render(TestSpecs.threeNode());

    assertThat(requested.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Annotations.RESTARTED_AT, "2026-12-07T07:00:00+00:00");
    assertThat(plain.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey(Annotations.RESTARTED_AT);
    requested.getSpec().getTemplate().getMetadata().getAnnotations().remove(Annotations.RESTARTED_AT);
    assertThat(requested).isEqualTo(plain);
  }

  @Test
  void givenAnySpecExpectEnvThatKeepsConfigTomlAuthoritative() {
    assertThat(container(TestSpecs.single()).getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("HYPERBYTEDB__LOGGING__LEVEL", "info"),
            org.assertj.core.groups.Tuple.tuple("HYPERBYTEDB__STORAGE__WAL_DIR", "/var/lib/hyperbytedb/wal"),
            org.assertj.core.groups.Tuple.tuple("HYPERBYTEDB__CLUSTER__REPLICATION_LOG_DIR", "/var/lib/hyperbytedb/replication_log"));
  }

  @Test
  void givenPlainHttpExpectStartupLivenessOnPingAndReadinessOnHealth() {
    Container c = container(TestSpecs.threeNode());

    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/ping");
    assertThat(c.getStartupProbe().getPeriodSeconds()).isEqualTo(5);
    assertThat(c.getStartupProbe().getFailureThreshold()).isEqualTo(120);
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/ping");
    assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
    assertThat(c.getLivenessProbe().getTimeoutSeconds()).isEqualTo(3);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
    assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(8086);
    });
  }

  @Test
  void givenTlsExpectHttpsProbes() {
    Container c = container(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER));

    assertThat(c.getStartupProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(c.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
  }

  @Test
  void givenClusterModeExpectDrainPreStopAndGraceForTheDrainBudget() {
    PodSpec pod = pod(TestSpecs.threeNode());

    String preStop = String.join(" ", pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand());
    assertThat(preStop).contains("-X POST http://localhost:8086/internal/drain").contains("+ 90").contains("\"state\":\"leaving\"");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(275L).isGreaterThanOrEqualTo(180L);
  }

  @Test
  void givenLongRequestTimeoutExpectLongerGrace() {
    ClusterSpec spec = TestSpecs.threeNode().withServer(TestSpecs.server(TlsMode.DISABLED).withRequestTimeoutSecs(120));

    assertThat(pod(spec).getTerminationGracePeriodSeconds()).isEqualTo(365L);
  }

  @Test
  void givenSingleModeExpectNoPreStopAndShortGrace() {
    PodSpec pod = pod(TestSpecs.single());

    assertThat(pod.getContainers().get(0).getLifecycle()).isNull();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
  }

  @Test
  void givenNoOverridesExpectRestrictedSecurityDefaults() {
    PodSpec pod = pod(TestSpecs.single());

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void givenOverridesExpectThemToReplaceTheDefaults() {
    var podContext = new PodSecurityContextBuilder().withRunAsUser(0L).build();
    var containerContext = new io.fabric8.kubernetes.api.model.SecurityContextBuilder().withPrivileged(false).build();

    PodSpec pod = pod(TestSpecs.single().withPodSecurityContext(podContext).withContainerSecurityContext(containerContext));

    assertThat(pod.getSecurityContext()).isEqualTo(podContext);
    assertThat(pod.getContainers().get(0).getSecurityContext()).isEqualTo(containerContext);
  }

  @Test
  void givenNoTlsExpectDataConfigAndTmpMountsOnly() {
    assertThat(container(TestSpecs.single()).getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("data", "/var/lib/hyperbytedb", null),
            org.assertj.core.groups.Tuple.tuple("config", "/etc/hyperbytedb", true),
            org.assertj.core.groups.Tuple.tuple("tmp", "/tmp", null));
    assertThat(pod(TestSpecs.single()).getVolumes())
        .extracting(Volume::getName)
        .containsExactly("config", "tmp");
    assertThat(pod(TestSpecs.single()).getVolumes().get(0).getConfigMap().getName()).isEqualTo("db-config");
    assertThat(pod(TestSpecs.single()).getVolumes().get(1).getEmptyDir()).isNotNull();
  }

  @Test
  void givenEachTlsModeExpectTheRightSecretMountedReadOnly() {
    assertThat(tlsSecret(TlsMode.OPERATOR_CA)).isEqualTo("db-tls");
    assertThat(tlsSecret(TlsMode.CERT_MANAGER)).isEqualTo("db-tls");
    assertThat(tlsSecret(TlsMode.USER_SECRET)).isEqualTo("my-cert");
    assertThat(container(TestSpecs.tlsSingle(TlsMode.USER_SECRET)).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("tls"))
        .singleElement()
        .satisfies(m -> {
          assertThat(m.getMountPath()).isEqualTo("/etc/hyperbytedb/tls");
          assertThat(m.getReadOnly()).isTrue();
        });
  }

  private static String tlsSecret(TlsMode mode) {
    return pod(TestSpecs.tlsSingle(mode)).getVolumes().stream()
        .filter(v -> v.getName().equals("tls"))
        .findFirst()
        .orElseThrow()
        .getSecret()
        .getSecretName();
  }

  @Test
  void givenAdditionalVolumesExpectThemAfterTheOperatorsOwn() {
    ClusterSpec spec =
        TestSpecs.single()
            .withAdditionalVolumes(new VolumeBuilder().withName("extra").withNewEmptyDir().endEmptyDir().build())
            .withAdditionalVolumeMounts(new VolumeMountBuilder().withName("extra").withMountPath("/extra").build());

    assertThat(pod(spec).getVolumes()).extracting(Volume::getName).containsExactly("config", "tmp", "extra");
    assertThat(container(spec).getVolumeMounts()).extracting(VolumeMount::getName).containsExactly("data", "config", "tmp", "extra");
  }

  @Test
  void givenClusterModeWithoutAffinityExpectPreferredHostnameAntiAffinity() {
    var affinity = pod(TestSpecs.threeNode()).getAffinity();

    var term = affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
    assertThat(term.getWeight()).isEqualTo(100);
    assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(ClusterLabels.selector("db"));
    assertThat(pod(TestSpecs.single()).getAffinity()).isNull();
  }

  @Test
  void givenUserAffinityExpectItInsteadOfTheDefault() {
    var affinity = new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build();

    assertThat(pod(TestSpecs.threeNode().withAffinity(affinity)).getAffinity()).isEqualTo(affinity);
  }

  @Test
  void givenSchedulingAndImageSettingsExpectThemOnThePod() {
    ClusterSpec spec = SpecVariants.all().get("additional-volumes-and-scheduling");

    PodSpec pod = pod(spec);

    assertThat(pod.getNodeSelector()).containsEntry("disktype", "ssd");
    assertThat(pod.getTolerations()).hasSize(1);
    assertThat(pod.getTopologySpreadConstraints()).hasSize(1);
    assertThat(pod.getPriorityClassName()).isEqualTo("high");
    assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("regcred");
    assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(pod.getContainers().get(0).getResources().getLimits()).containsKey("memory");
    assertThat(pod.getContainers().get(0).getImage()).isEqualTo("ghcr.io/hyperbyte-cloud/hyperbytedb:0.8.5");
  }

  @Test
  void givenReplicaChangesWithinClusterModeExpectTheSamePodTemplate() {
    assertThat(render(TestSpecs.single().withReplicas(3)).getSpec().getTemplate())
        .isEqualTo(render(TestSpecs.single().withReplicas(5)).getSpec().getTemplate());
  }
}
