package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pod of one backup attempt: next to the source member, restricted, credentials by reference. */
class BackupPodRendererTest {

  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";
  private static final RunRequest RUN = new RunRequest("2026-03-10T02:00:00Z#2", "prod", "nightly", "db", "db-1",
      List.of("db-0", "db-1", "db-2"), "0.8.5",
      new S3Settings("backups", "hb", "eu-west-1", Optional.of("http://minio.storage:9000"), true,
          Optional.of("s3-creds")), 7, Instant.parse("2026-03-10T02:00:00Z"));

  private static Pod render() {
    return BackupPodRenderer.render(new BackupPodRenderer.Request(TestClusters.spec(3), RUN, Optional.of("backup-uid"),
        "node-b", 1, Duration.ofHours(6), OPERATOR_IMAGE));
  }

  @Test
  void podIsValidAgainstTheStrictKubernetesSchema() {
    assertThat(KubernetesSchemas.shared().violations(render())).isEmpty();
  }

  @Test
  void podIsNamedByBackupAndAttemptOwnedByTheBackupAndCarriesTheRunId() {
    Pod pod = render();

    assertThat(pod.getMetadata().getName()).isEqualTo("nightly-1773108000-2");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry(BackupPodRenderer.RUN_ID_ANNOTATION, RUN.runId());
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "hyperbytedb-backup")
        .containsEntry("app.kubernetes.io/instance", "db")
        .containsEntry("app.kubernetes.io/managed-by", "hyperbytedb-operator")
        .containsEntry(BackupPodRenderer.BACKUP_LABEL, "nightly");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("HyperbytedbBackup");
      assertThat(owner.getUid()).isEqualTo("backup-uid");
      assertThat(owner.getController()).isTrue();
    });
  }

  @Test
  void longBackupNamesStillGiveValidDistinctNames() {
    String longName = "b".repeat(250);

    String first = BackupPodRenderer.podName(longName, "2026-03-10T02:00:00Z#1");
    String second = BackupPodRenderer.podName(longName, "2026-03-10T02:00:00Z#2");

    assertThat(first).hasSizeLessThanOrEqualTo(253).isNotEqualTo(second);
    assertThat(BackupPodRenderer.labelValue(longName)).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void podIsPinnedToTheSourceMembersNodeAndMountsItsVolume() {
    Pod pod = render();

    assertThat(MemberSnapshotPod.pinnedNode(pod.getSpec())).contains("node-b");
    assertThat(pod.getSpec().getNodeName()).as("the scheduler still checks resources and taints").isNull();
    assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-db-1"));
    assertThat(pod.getSpec().getTolerations()).isEqualTo(TestClusters.spec(3).tolerations());
  }

  @Test
  void podRunsToCompletionWithinADeadlineUnderRestrictedPodSecurity() {
    Pod pod = render();

    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(6 * 3600L);
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    List<Container> containers = new java.util.ArrayList<>(pod.getSpec().getInitContainers());
    containers.addAll(pod.getSpec().getContainers());
    assertThat(containers).hasSize(2).allSatisfy(c -> {
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath()).contains("tmp:/tmp");
    });
  }

  @Test
  void theSnapshotStepRunsTheServersBackupIntoTheAttemptsScratchDirectory() {
    Container snapshot = render().getSpec().getInitContainers().get(0);

    assertThat(snapshot.getImage()).isEqualTo(TestClusters.spec(3).image());
    assertThat(snapshot.getCommand()).isEqualTo(BackupCommands.takeSnapshot(RUN));
    assertThat(String.join(" ", snapshot.getCommand()))
        .contains("backup --output '" + BackupCommands.snapshotDir(RUN) + "'");
    assertThat(snapshot.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
        .contains("data:/var/lib/hyperbytedb", "config:/etc/hyperbytedb");
  }

  @Test
  void theUploadStepRunsTheOperatorImageWithTheArgsContractAndSecretReferencesOnly() {
    Container upload = render().getSpec().getContainers().get(0);

    assertThat(upload.getImage()).isEqualTo(OPERATOR_IMAGE);
    assertThat(upload.getArgs()).startsWith("backup-upload", "--snapshot", BackupCommands.snapshotDir(RUN),
        "--scratch", BackupCommands.scratchDir(RUN));
    assertThat(upload.getEnv()).allSatisfy(e -> assertThat(e.getValue()).isNull())
        .extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName()
            + "/" + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly("AWS_ACCESS_KEY_ID=s3-creds/access_key_id", "AWS_SECRET_ACCESS_KEY=s3-creds/secret_access_key");
    assertThat(upload.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void theArgsParseBackIntoTheSameAttempt() {
    BackupUploadArgs args = new BackupUploadArgs(RUN, BackupCommands.snapshotDir(RUN), BackupCommands.scratchDir(RUN));
    List<String> a = args.toArgs();

    BackupUploadArgs parsed = BackupUploadArgs.of(value(a, "--snapshot"), value(a, "--scratch"), value(a, "--run-id"),
        value(a, "--namespace"), value(a, "--cluster"), value(a, "--backup"), value(a, "--source-pod"),
        List.of("db-0", "db-1", "db-2"), value(a, "--server-version"), Integer.parseInt(value(a, "--retention-days")),
        value(a, "--scheduled-time"), value(a, "--bucket"), value(a, "--prefix"), value(a, "--region"),
        value(a, "--endpoint"), a.contains("--path-style"), value(a, "--credentials-secret"));

    assertThat(parsed).isEqualTo(args);
  }

  private static String value(List<String> args, String option) {
    return args.get(args.indexOf(option) + 1);
  }
}
