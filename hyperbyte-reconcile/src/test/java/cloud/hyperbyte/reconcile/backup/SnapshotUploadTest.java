package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The upload step's data path: stream the archive into the store, manifest, checksum, retention. */
class SnapshotUploadTest {

  private final ShiftableClock clock = ShiftableClock.at("2026-03-10T02:00:00Z");
  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final byte[] archive = "tar of the server's backup directory".getBytes(StandardCharsets.UTF_8);
  private final SnapshotUpload upload = new SnapshotUpload(store, clock);
  private final List<String> opened = new ArrayList<>();
  private final S3Settings destination =
      new S3Settings("backups", "hb", null, Optional.empty(), true, Optional.of("s3-creds"));

  private RunRequest request() {
    return new RunRequest("run#1", "prod", "nightly", "db", "db-1", List.of("db-0", "db-1", "db-2"), "0.8.5",
        destination, 7, clock.instant());
  }

  private RunReport run() {
    return upload.run(request(), () -> {
      opened.add("archive");
      return new ByteArrayInputStream(archive);
    });
  }

  private static final String FOLDER = "hb/prod/db/20260310T020000Z/";

  @Test
  void archiveIsStreamedIntoTheBucketWithAManifestAndChecksum() throws Exception {
    RunReport report = run();

    assertThat(report.failure()).isEmpty();
    RunReport.Snapshot snapshot = report.snapshot().orElseThrow();
    assertThat(snapshot.location().uri()).isEqualTo("s3://backups/" + FOLDER);
    assertThat(store.objects.get(FOLDER + "backup.tar")).isEqualTo(archive);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
    assertThat(snapshot.sha256()).isEqualTo(sha);
    assertThat(snapshot.sizeBytes()).isEqualTo(archive.length);

    SnapshotManifest manifest = SnapshotManifest.parse(store.objects.get(FOLDER + "manifest.json")).orElseThrow();
    assertThat(manifest.complete()).isTrue();
    assertThat(manifest.backup()).isEqualTo("nightly");
    assertThat(manifest.members()).containsExactly("db-0", "db-1", "db-2");
    assertThat(manifest.sourcePod()).isEqualTo("db-1");
    assertThat(manifest.serverVersion()).isEqualTo("0.8.5");
    assertThat(manifest.consistency()).startsWith("best-effort");
    assertThat(manifest.archive()).isEqualTo(new SnapshotManifest.Archive("backup.tar", archive.length, sha));
  }

  @Test
  void attemptsOfDifferentBackupsAndRunsHaveScratchDirectoriesOfTheirOwn() {
    RunRequest nightly = request();
    RunRequest retry = new RunRequest("run#2", "prod", "nightly", "db", "db-1", nightly.members(), "0.8.5",
        destination, 7, clock.instant());
    RunRequest weekly = new RunRequest("run#1", "prod", "weekly", "db", "db-1", nightly.members(), "0.8.5",
        destination, 7, clock.instant());

    assertThat(List.of(BackupCommands.scratchDir(nightly), BackupCommands.scratchDir(retry),
        BackupCommands.scratchDir(weekly))).doesNotHaveDuplicates()
        .allSatisfy(dir -> assertThat(dir).startsWith(BackupCommands.SCRATCH_ROOT + "/"));
    assertThat(String.join(" ", BackupCommands.takeSnapshot(weekly)))
        .as("starting an attempt clears what its own backup left, never another backup's")
        .doesNotContain(BackupCommands.scratchDir(nightly)).doesNotContain("'" + BackupCommands.SCRATCH_ROOT + "'");
  }

  @Test
  void anArchiveThatBreaksMidStreamIsTransientAndLeavesNoArchive() {
    RunReport report = upload.run(request(), () -> new java.io.SequenceInputStream(
        new ByteArrayInputStream(archive), new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("snapshot/data/part_1: No such file or directory");
          }
        }));

    RunReport.Failure failure = report.failure().orElseThrow();
    assertThat(failure.reason()).isEqualTo("ArchiveFailed");
    assertThat(failure.transientFailure()).isTrue();
    assertThat(failure.message()).contains("db-1", "No such file");
    assertThat(store.objects).doesNotContainKey(FOLDER + "backup.tar");
    assertThat(SnapshotManifest.parse(store.objects.get(FOLDER + "manifest.json")).orElseThrow().complete()).isFalse();
  }

  @Test
  void refusedCredentialsFailBeforeReadingTheArchiveAndNameTheSecret() {
    store.failure = new ObjectStoreException(ObjectStoreException.Reason.ACCESS_DENIED, "403 SignatureDoesNotMatch");

    RunReport.Failure failure = run().failure().orElseThrow();

    assertThat(failure.reason()).isEqualTo("AccessDenied");
    assertThat(failure.transientFailure()).isFalse();
    assertThat(failure.message()).contains("bucket backups", "access_key_id", "secret_access_key", "Secret s3-creds");
    assertThat(opened).isEmpty();
  }

  @Test
  void missingBucketIsAClearPermanentFailure() {
    store.failure = new ObjectStoreException(ObjectStoreException.Reason.NO_SUCH_BUCKET, "NoSuchBucket");

    RunReport.Failure failure = run().failure().orElseThrow();

    assertThat(failure.reason()).isEqualTo("BucketNotFound");
    assertThat(failure.message()).isEqualTo("bucket backups does not exist: create it or fix spec.destination.s3.bucket");
  }

  @Test
  void retentionDeletesOnlyThisBackupsExpiredSnapshots() {
    byte[] old = "old".getBytes(StandardCharsets.UTF_8);
    store.putSnapshot("hb/prod/db/20260301T020000Z/", "nightly", old); // 9 days: expired, ours
    store.putSnapshot("hb/prod/db/20260305T020000Z/", "nightly", old); // 5 days: kept
    store.putSnapshot("hb/prod/db/20260302T020000Z/", "weekly", old); // expired, another backup's
    store.putSnapshot("hb/prod/other/20260301T020000Z/", "nightly", old); // another cluster
    store.putSnapshot("elsewhere/prod/db/20260301T020000Z/", "nightly", old); // another prefix
    store.objects.put("hb/prod/db/notes.txt", old); // not a snapshot
    store.objects.put("hb/prod/db/20260301T000000Z/backup.tar", old); // no manifest: not provably ours

    RunReport report = run();

    RunReport.Cleanup cleanup = report.cleanup().orElseThrow();
    assertThat(cleanup.deletedFolders()).containsExactly("hb/prod/db/20260301T020000Z/");
    assertThat(cleanup.at()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
    assertThat(store.deleted).containsExactly(
        "hb/prod/db/20260301T020000Z/backup.tar", "hb/prod/db/20260301T020000Z/manifest.json");
    assertThat(store.objects).containsKeys(
        "hb/prod/db/20260305T020000Z/manifest.json", "hb/prod/db/20260302T020000Z/manifest.json",
        "hb/prod/other/20260301T020000Z/manifest.json", "elsewhere/prod/db/20260301T020000Z/manifest.json",
        "hb/prod/db/notes.txt", "hb/prod/db/20260301T000000Z/backup.tar", FOLDER + "manifest.json");
  }
}
