package cloud.hyperbyte.operator.backup;

import static cloud.hyperbyte.operator.backup.BackupRestoreHarness.NAMESPACE;
import static cloud.hyperbyte.operator.backup.BackupRestoreHarness.PREFIX;
import static cloud.hyperbyte.operator.backup.BackupRestoreHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.BackupRun;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.storage.S3ObjectStore;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.SnapshotLayout;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import cloud.hyperbyte.reconcile.backup.StoredObject;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperbytedbBackup end to end in the operator process: the simulated API, the work queue and
 * informers, a real S3 server; backup pods run on {@link BackupPodKubelet}, their upload step
 * through the operator image's real entry point.
 */
class BackupReconcilerTest {

  @TempDir Path temp;
  private BackupRestoreHarness harness;

  private BackupRestoreHarness start(Clock clock) throws Exception {
    Path snapshot = Files.createDirectories(temp.resolve("snapshot"));
    Files.createDirectories(snapshot.resolve("wal"));
    Files.createDirectories(snapshot.resolve("meta"));
    Files.write(snapshot.resolve("wal/000012.sst"), "rocksdb wal checkpoint".repeat(500).getBytes(StandardCharsets.UTF_8));
    Files.writeString(snapshot.resolve("meta/CURRENT"), "MANIFEST-000005\n");
    Files.writeString(snapshot.resolve("manifest.json"), "{\"version\":\"0.8.5\"}");
    harness = new BackupRestoreHarness(snapshot, Files.createDirectories(temp.resolve("claims")), clock);
    harness.createCredentialsSecret();
    return harness;
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aOneShotBackupRunsAPodNextToTheMemberThatUploadsItsArchiveToTheBucket() throws Exception {
    BackupRestoreHarness h = start(Clock.systemUTC());
    h.createCluster("db", 3);
    h.createReadyMembers("db", 3);

    h.createBackup("once", "db", "");

    await().until(() -> phase(h.backup("once")), BackupDecision.COMPLETED::equals);
    HyperbytedbBackupStatus status = h.backup("once").getStatus();
    SnapshotLocation location = SnapshotLocation.parse(status.getBackupPath()).orElseThrow();
    assertThat(location.bucket()).isEqualTo(BackupRestoreHarness.BUCKET);
    assertThat(location.folder()).startsWith(PREFIX + "/" + NAMESPACE + "/db/");
    byte[] archive;
    try (S3ObjectStore bucket = h.bucket(); InputStream in = bucket.get(location.archiveKey())) {
      archive = in.readAllBytes();
    }
    assertThat(status.getBackupSizeBytes()).isEqualTo(archive.length);
    assertThat(entries(archive)).as("the server's backup directory, as tar -C dir -cf - . names it")
        .containsEntry("./wal/000012.sst", "rocksdb wal checkpoint".repeat(500))
        .containsEntry("./meta/CURRENT", "MANIFEST-000005\n")
        .containsEntry("./manifest.json", "{\"version\":\"0.8.5\"}");
    assertThat(status.getBackupSize()).isNotBlank();
    assertThat(status.getStartTime()).isNotNull();
    assertThat(status.getCompletionTime()).isNotNull();
    assertThat(status.getSourcePod()).isEqualTo("db-0"); // no leader known: the lowest ordinal
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Complete").getStatus()).isEqualTo("True");

    try (S3ObjectStore bucket = h.bucket()) {
      byte[] stored;
      try (InputStream in = bucket.get(location.archiveKey())) {
        stored = in.readAllBytes();
      }
      assertThat(stored).isEqualTo(archive);
      SnapshotManifest manifest;
      try (InputStream in = bucket.get(location.manifestKey())) {
        manifest = SnapshotManifest.parse(in.readAllBytes()).orElseThrow();
      }
      assertThat(manifest.complete()).isTrue();
      assertThat(manifest.backup()).isEqualTo("once");
      assertThat(manifest.cluster()).isEqualTo("db");
      assertThat(manifest.members()).containsExactly("db-0", "db-1", "db-2");
      assertThat(manifest.archive().sha256()).isEqualTo(sha256(archive));
    }
    assertThat(h.kubelet.runs()).singleElement().satisfies(run -> {
      assertThat(run.claim()).isEqualTo("data-db-0");
      assertThat(run.node()).as("pinned to the member's node").isEqualTo("node-0");
    });
    assertThat(h.kubelet.claim("data-db-0").resolve(".hyperbyte-backup/once")).as("the scratch directory is removed")
        .isEmptyDirectory();
    await().until(() -> eventReasons(h, "once").containsAll(List.of("BackupStarted", "BackupCompleted")));
    await().until(() -> h.client.pods().inNamespace(NAMESPACE).withLabel(BackupPodRenderer.BACKUP_LABEL, "once").list()
        .getItems().isEmpty());
  }

  @Test
  void aTransientFailureIsRetriedAndTheRunCompletes() throws Exception {
    BackupRestoreHarness h = start(Clock.systemUTC());
    h.createCluster("db", 1);
    h.createReadyMembers("db", 1);
    h.kubelet.failNextSnapshots(1);

    h.createBackup("flaky", "db", "");

    await().until(() -> phase(h.backup("flaky")), BackupDecision.COMPLETED::equals);
    HyperbytedbBackupStatus status = h.backup("flaky").getStatus();
    assertThat(status.getAttempts()).isEqualTo(2);
    assertThat(status.getConditions()).extracting(Condition::getType).doesNotContain("Retrying");
    // events are recorded after the status write the await saw
    await().until(() -> eventReasons(h, "flaky").containsAll(List.of("BackupRetrying", "BackupCompleted")));
    assertThat(eventMessages(h, "flaky")).anyMatch(m -> m.contains("attempt 1 of 3 failed")
        && m.contains("hyperbytedb backup") && m.contains("No such file or directory"));
    assertThat(h.kubelet.runs()).hasSize(2);
    // the pod of the failed attempt goes when the next one starts, the succeeded one when recorded
    await().until(() -> h.client.pods().inNamespace(NAMESPACE).withLabel(BackupPodRenderer.BACKUP_LABEL, "flaky").list()
            .getItems().isEmpty());
  }

  @Test
  void aBackupOfAMissingClusterFailsWithAClearMessage() throws Exception {
    BackupRestoreHarness h = start(Clock.systemUTC());

    h.createBackup("orphan", "nowhere", "");

    await().until(() -> phase(h.backup("orphan")), BackupDecision.FAILED::equals);
    assertThat(condition(h.backup("orphan").getStatus(), "Ready").getMessage())
        .isEqualTo("HyperbytedbCluster nowhere not found in namespace " + NAMESPACE);
    assertThat(h.kubelet.runs()).isEmpty();
  }

  @Test
  void aScheduledBackupRunsAtItsSlotAndReportsTheScheduleAndHistory() throws Exception {
    // once the cluster is set up, the operator's clock is put 1.5 s before a minute boundary (however
    // long the setup took); the schedule names that minute daily
    Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    ShiftableClock clock = new ShiftableClock(Clock.systemUTC());
    BackupRestoreHarness h = start(clock);
    h.createCluster("db", 2);
    h.createReadyMembers("db", 2);
    clock.set(slot.minusMillis(1500));
    var time = slot.atZone(ZoneOffset.UTC);

    h.createBackup("nightly", "db", "schedule: \"%d %d * * *\"\nretentionDays: 3".formatted(
        time.getMinute(), time.getHour()));

    await().until(() -> {
      HyperbytedbBackupStatus s = h.backup("nightly").getStatus();
      return s != null && s.getHistory() != null && !s.getHistory().isEmpty();
    });
    HyperbytedbBackupStatus status = h.backup("nightly").getStatus();
    assertThat(status.getPhase()).isEqualTo(BackupDecision.COMPLETED);
    assertThat(Instant.parse(status.getLastScheduleTime())).isEqualTo(slot);
    assertThat(Instant.parse(status.getNextScheduleTime())).isEqualTo(slot.plus(Duration.ofDays(1)));
    BackupRun run = status.getHistory().get(0);
    assertThat(status.getHistory()).hasSize(1);
    assertThat(run.getPhase()).isEqualTo(BackupDecision.COMPLETED);
    assertThat(Instant.parse(run.getScheduledTime())).isEqualTo(slot);
    assertThat(run.getBackupPath()).isEqualTo(status.getBackupPath());
    assertThat(condition(status, "Scheduled").getStatus()).isEqualTo("True");
    // the next look is booked for the next slot (when the pass that wrote the status returns)
    await().until(() -> h.queue.dueTime(ResourceKey.backup(NAMESPACE, "nightly")),
        Optional.of(slot.plus(Duration.ofDays(1)))::equals);
  }

  @Test
  void retentionDeletesOnlyThisBackupsExpiredSnapshots() throws Exception {
    BackupRestoreHarness h = start(Clock.systemUTC());
    h.createCluster("db", 1);
    h.createReadyMembers("db", 1);
    Instant now = Instant.now();
    String cluster = PREFIX + "/" + NAMESPACE + "/db/";
    String ownExpired = cluster + SnapshotLayout.stamp(now.minus(Duration.ofDays(10))) + "/";
    String othersExpired = cluster + SnapshotLayout.stamp(now.minus(Duration.ofDays(10)).plusSeconds(60)) + "/";
    String unownedExpired = cluster + SnapshotLayout.stamp(now.minus(Duration.ofDays(9))) + "/";
    String ownRecent = cluster + SnapshotLayout.stamp(now.minus(Duration.ofDays(2))) + "/";
    String otherCluster = PREFIX + "/" + NAMESPACE + "/other/" + SnapshotLayout.stamp(now.minus(Duration.ofDays(10)))
        + "/";
    try (S3ObjectStore bucket = h.bucket()) {
      writeSnapshot(bucket, ownExpired, "weekly", "db");
      writeSnapshot(bucket, othersExpired, "someone-else", "db");
      bucket.put(unownedExpired + SnapshotLayout.ARCHIVE, new byte[] {1});
      writeSnapshot(bucket, ownRecent, "weekly", "db");
      writeSnapshot(bucket, otherCluster, "weekly", "other");
      bucket.put(cluster + "notes.txt", new byte[] {2});
    }

    h.createBackup("weekly", "db", "retentionDays: 7");

    await().until(() -> phase(h.backup("weekly")), BackupDecision.COMPLETED::equals);
    String written = SnapshotLocation.parse(h.backup("weekly").getStatus().getBackupPath()).orElseThrow().folder();
    try (S3ObjectStore bucket = h.bucket()) {
      List<String> folders = bucket.list(PREFIX + "/").stream().map(StoredObject::key)
          .map(key -> key.substring(0, key.lastIndexOf('/') + 1)).distinct().toList();
      assertThat(folders).containsExactlyInAnyOrder(
          othersExpired, unownedExpired, ownRecent, otherCluster, cluster, written);
    }
    assertThat(h.backup("weekly").getStatus().getLastCleanupTime()).isNotNull();
    assertThat(eventMessages(h, "weekly")).anyMatch(m -> m.startsWith("deleted 1 snapshot(s)") && m.contains(ownExpired));
  }

  private static void writeSnapshot(S3ObjectStore bucket, String folder, String backup, String cluster) {
    Instant started = SnapshotLayout.folderTime(folder).orElseThrow();
    SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, SnapshotManifest.COMPLETE,
        backup, NAMESPACE, cluster, "0.8.5", List.of(cluster + "-0"), cluster + "-0", SnapshotManifest.BEST_EFFORT,
        started.toString(), started.plusSeconds(30).toString(), new SnapshotManifest.Archive(SnapshotLayout.ARCHIVE, 1,
        "00"));
    bucket.put(folder + SnapshotLayout.ARCHIVE, new byte[] {0});
    bucket.put(folder + SnapshotLayout.MANIFEST, manifest.toJson());
  }

  static String phase(HyperbytedbBackup backup) {
    return backup == null || backup.getStatus() == null ? null : backup.getStatus().getPhase();
  }

  static Condition condition(HyperbytedbBackupStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  static List<Event> events(BackupRestoreHarness h, String involved) {
    return h.client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName())).toList();
  }

  static List<String> eventReasons(BackupRestoreHarness h, String involved) {
    return events(h, involved).stream().map(Event::getReason).toList();
  }

  static List<String> eventMessages(BackupRestoreHarness h, String involved) {
    return events(h, involved).stream().map(Event::getMessage).toList();
  }

  private static java.util.Map<String, String> entries(byte[] tar) throws Exception {
    java.util.Map<String, String> files = new java.util.TreeMap<>();
    try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new java.io.ByteArrayInputStream(tar))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.isFile()) {
          files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

}
