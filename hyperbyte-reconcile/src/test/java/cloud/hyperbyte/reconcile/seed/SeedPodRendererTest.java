package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objects that seed a new member. */
class SeedPodRendererTest {

  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";
  private static final ClusterSpec CLUSTER = TestClusters.spec(5, spec -> {
    spec.setNodeSelector(Map.of("disk", "ssd"));
    spec.setPriorityClassName("databases");
    spec.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal")
        .withValue("db").withEffect("NoSchedule").build()));
    spec.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
        .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
        .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "db").endLabelSelector().build()));
    spec.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "db").endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build());
  });
  private static final StatefulSet STATEFUL_SET = ClusterRenderer.render(CLUSTER).objects().stream()
      .filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).findFirst().orElseThrow();
  private static final SeedPodRenderer.Context CONTEXT =
      new SeedPodRenderer.Context(CLUSTER, STATEFUL_SET, OPERATOR_IMAGE, Duration.ofMinutes(30));
  private static final SeedObservation.Source SOURCE = new SeedObservation.Source(1, "db-1", "node-b");

  @Test
  void theClaimIsTheOneTheStatefulSetControllerWouldCreateForTheOrdinal() {
    PersistentVolumeClaim claim = SeedPodRenderer.claim(CONTEXT, 3);
    PersistentVolumeClaim template = STATEFUL_SET.getSpec().getVolumeClaimTemplates().get(0);

    assertThat(claim.getMetadata().getName()).isEqualTo("data-db-3");
    assertThat(claim.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(claim.getSpec()).isEqualTo(template.getSpec());
    assertThat(claim.getMetadata().getLabels()).containsAllEntriesOf(STATEFUL_SET.getSpec().getSelector().getMatchLabels());
    assertThat(claim.getMetadata().getOwnerReferences()).as("the StatefulSet's retention policy owns claims").isEmpty();
    assertThat(KubernetesSchemas.shared().violations(claim)).isEmpty();
  }

  @Test
  void theSourcePodRunsOnTheSourceMembersNodeAndMountsItsVolume() {
    Pod pod = SeedPodRenderer.sourcePod(CONTEXT, 3, 2, SOURCE);

    assertThat(pod.getMetadata().getName()).isEqualTo("db-seed-3-2-source");
    assertThat(pod.getSpec().getNodeName()).isEqualTo("node-b");
    assertThat(claimOf(pod.getSpec())).isEqualTo("data-db-1");
    assertThat(pod.getSpec().getTolerations()).isEqualTo(STATEFUL_SET.getSpec().getTemplate().getSpec().getTolerations());
    Container backup = pod.getSpec().getInitContainers().get(0);
    assertThat(backup.getImage()).isEqualTo(CLUSTER.image());
    assertThat(backup.getCommand()).containsExactly("hyperbytedb", "--config", "/etc/hyperbytedb/config.toml",
        "backup", "--output", "/restore/backup");
    Container serve = pod.getSpec().getContainers().get(0);
    assertThat(serve.getImage()).isEqualTo(OPERATOR_IMAGE);
    assertThat(serve.getArgs()).containsExactly("seed-serve", "--input", "/restore/backup", "--port", "7480",
        "--wait-seconds", "1800", "--tls-cert", "/etc/hyperbyte/seed-tls/tls.crt",
        "--tls-key", "/etc/hyperbyte/seed-tls/tls.key");
    assertThat(tlsFilesOf(pod.getSpec())).as("the source holds its certificate and key").containsExactly("tls.crt", "tls.key");
    assertThat(serve.getEnv()).singleElement().satisfies(env -> {
      assertThat(env.getName()).isEqualTo("HYPERBYTE_SEED_TOKEN");
      assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-seed-3");
    });
    assertThat(pod.getMetadata().getLabels()).containsEntry(SeedNames.ROLE_LABEL, "source")
        .containsEntry(SeedNames.SOURCE_LABEL, "1").containsEntry(SeedNames.ATTEMPT_LABEL, "2");
    assertThat(KubernetesSchemas.shared().violations(pod)).isEmpty();
  }

  @Test
  void theTargetPodCarriesTheMemberPodsSchedulingConstraintsSoItsVolumeBindsWhereTheMemberRuns() {
    Pod pod = SeedPodRenderer.targetPod(CONTEXT, 3, 1, 1, "10.0.0.7:7480");
    PodSpec member = STATEFUL_SET.getSpec().getTemplate().getSpec();

    assertThat(pod.getSpec().getNodeName()).isNull();
    assertThat(pod.getSpec().getAffinity()).isEqualTo(member.getAffinity()).isNotNull();
    assertThat(pod.getSpec().getTopologySpreadConstraints()).isEqualTo(member.getTopologySpreadConstraints()).isNotEmpty();
    assertThat(pod.getSpec().getNodeSelector()).isEqualTo(member.getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(pod.getSpec().getTolerations()).isEqualTo(member.getTolerations()).isNotEmpty();
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("databases");
    assertThat(claimOf(pod.getSpec())).isEqualTo("data-db-3");
    assertThat(pod.getSpec().getInitContainers().get(0).getArgs()).containsExactly("seed-fetch", "--source",
        "10.0.0.7:7480", "--output", "/restore/snapshot", "--connect-seconds", "1800",
        "--tls-ca", "/etc/hyperbyte/seed-tls/ca.crt");
    assertThat(tlsFilesOf(pod.getSpec())).as("the target gets the CA's certificate, never the source's key")
        .containsExactly("ca.crt");
    assertThat(pod.getSpec().getInitContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(SeedArgs.TLS_MOUNT))
        .allSatisfy(m -> assertThat(m.getReadOnly() != null && m.getReadOnly())
            .isEqualTo(m.getMountPath().equals(SeedArgs.TLS_MOUNT)));
    assertThat(pod.getSpec().getContainers().get(0).getCommand().get(2))
        .isEqualTo(cloud.hyperbyte.reconcile.restore.RestorePodRenderer.restoreScript())
        .contains("rm -rf '/var/lib/hyperbytedb/raft' '/var/lib/hyperbytedb/replication_log'");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(KubernetesSchemas.shared().violations(pod)).isEmpty();
  }

  @Test
  void theSeedSecretHoldsTheTokenAndTheSeedsTlsFilesUnderTheirKeys() {
    var tls = new SeedTlsMaterial("CA PEM", "CERT PEM", "KEY PEM");

    var secret = SeedPodRenderer.secret(CONTEXT, 3, "abc", tls);

    assertThat(secret.getMetadata().getName()).isEqualTo("db-seed-3");
    assertThat(secret.getStringData()).containsExactly(Map.entry("token", "abc"), Map.entry("ca.crt", "CA PEM"),
        Map.entry("tls.crt", "CERT PEM"), Map.entry("tls.key", "KEY PEM"));
    assertThat(KubernetesSchemas.shared().violations(secret)).isEmpty();
  }

  private static List<String> tlsFilesOf(PodSpec spec) {
    var volume = spec.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("db-seed-3");
    volume.getSecret().getItems().forEach(item -> assertThat(item.getPath()).isEqualTo(item.getKey()));
    return volume.getSecret().getItems().stream().map(item -> item.getKey()).toList();
  }

  private static String claimOf(PodSpec spec) {
    return spec.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow()
        .getPersistentVolumeClaim().getClaimName();
  }
}
