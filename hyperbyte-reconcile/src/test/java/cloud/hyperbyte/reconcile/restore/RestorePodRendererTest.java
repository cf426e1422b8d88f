package cloud.hyperbyte.reconcile.restore;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pod that restores one member volume. */
class RestorePodRendererTest {

  private static final SnapshotResolution.Resolved SOURCE = new SnapshotResolution.Resolved(
      new S3Settings("backups", "hb", "eu-west-1", Optional.of("http://minio.storage:9000"), true,
          Optional.of("s3-creds")),
      new SnapshotLocation("backups", "hb/prod/db/20260301T020000Z/"));
  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";

  private static Pod render(int ordinal) {
    return RestorePodRenderer.render(new RestorePodRenderer.Request(TestClusters.spec(3), "r1",
        Optional.of("restore-uid"), ordinal, 1, Duration.ofMinutes(20), OPERATOR_IMAGE, SOURCE));
  }

  @Test
  void podIsValidAgainstTheStrictKubernetesSchema() {
    assertThat(KubernetesSchemas.shared().violations(render(2))).isEmpty();
  }

  @Test
  void podMountsExactlyItsMemberVolumeAndIsOwnedByTheRestore() {
    Pod pod = render(2);

    assertThat(pod.getMetadata().getName()).isEqualTo("r1-restore-2");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("HyperbytedbRestore");
      assertThat(owner.getUid()).isEqualTo("restore-uid");
    });
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "hyperbytedb-restore")
        .containsEntry("hyperbytedb.hyperbyte.cloud/ordinal", "2");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).as("an attempt cannot run forever").isEqualTo(1200L);
    assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-db-2"));
  }

  @Test
  void fetchRunsTheOperatorImageWithTheArgsContractAndSecretCredentials() {
    Container fetch = render(0).getSpec().getInitContainers().get(0);

    assertThat(fetch.getImage()).isEqualTo(OPERATOR_IMAGE);
    assertThat(fetch.getArgs()).containsExactly("restore-fetch", "--bucket", "backups",
        "--snapshot", "hb/prod/db/20260301T020000Z/", "--output", "/restore/snapshot",
        "--region", "eu-west-1", "--endpoint", "http://minio.storage:9000", "--path-style");
    assertThat(fetch.getEnv()).extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName()
            + "/" + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly("AWS_ACCESS_KEY_ID=s3-creds/access_key_id", "AWS_SECRET_ACCESS_KEY=s3-creds/secret_access_key");
  }

  @Test
  void restoreRunsTheDatabaseImageWithTheClustersConfigAndEnv() {
    Container restore = render(0).getSpec().getContainers().get(0);

    assertThat(restore.getImage()).isEqualTo(TestClusters.spec(3).image());
    assertThat(restore.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
        .contains("HYPERBYTEDB__CLUSTER__RAFT_DIR=/var/lib/hyperbytedb/raft",
            "HYPERBYTEDB__CLUSTER__REPLICATION_LOG_DIR=/var/lib/hyperbytedb/replication_log");
    assertThat(restore.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
        .contains("data:/var/lib/hyperbytedb", "config:/etc/hyperbytedb", "snapshot:/restore");
    assertThat(restore.getCommand().get(2))
        .contains("hyperbytedb --config '/etc/hyperbytedb/config.toml' restore --input '/restore/snapshot'")
        .contains("rm -rf '/var/lib/hyperbytedb/raft' '/var/lib/hyperbytedb/replication_log'");
  }

  @Test
  void renderIsDeterministic() {
    assertThat(render(1)).isEqualTo(render(1));
  }

  @Test
  void restoreScriptReplacesDataAndResetsRaftWhenRunUnderShell() throws Exception {
    // run the script with /bin/sh against a fake volume and a stand-in hyperbytedb binary
    Path root = Files.createTempDirectory("restore-script");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path fakeServer = bin.resolve("hyperbytedb");
    Files.writeString(fakeServer, "#!/bin/sh\necho \"$@\" > \"$ROOT/called\"\n");
    fakeServer.toFile().setExecutable(true);
    String script = RestorePodRenderer.restoreScript().replace("/var/lib/hyperbytedb", root + "/data")
        .replace("/restore/snapshot", root + "/snapshot");
    Files.createDirectories(root.resolve("data/raft/log"));
    Files.createDirectories(root.resolve("data/replication_log"));
    Files.createDirectories(root.resolve("data/.hyperbyte-backup/snapshot"));
    Files.createDirectories(root.resolve("data/wal"));

    Process missing = start(script, root, bin);
    assertThat(missing.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(missing.exitValue()).as("no fetched snapshot").isEqualTo(1);
    assertThat(root.resolve("data/raft")).exists();

    Files.createDirectories(root.resolve("snapshot"));
    Files.writeString(root.resolve("snapshot/manifest.json"), "{}");
    Process ok = start(script, root, bin);
    assertThat(ok.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    assertThat(Files.readString(root.resolve("called")).trim())
        .isEqualTo("--config /etc/hyperbytedb/config.toml restore --input " + root + "/snapshot");
    assertThat(root.resolve("data/raft")).doesNotExist();
    assertThat(root.resolve("data/replication_log")).doesNotExist();
    assertThat(root.resolve("data/.hyperbyte-backup")).doesNotExist();
    assertThat(root.resolve("data/wal")).exists();
  }

  private static Process start(String script, Path root, Path bin) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", script)).redirectErrorStream(true);
    builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    builder.environment().put("ROOT", root.toString());
    return builder.start();
  }
}
