package cloud.hyperbyte.operator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.backup.BackupUploadResult;
import cloud.hyperbyte.reconcile.backup.SnapshotUpload;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.RunRequest;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import cloud.hyperbyte.reconcile.backup.StoredObject;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A backup taken through the backup pod's data path (tar stream of the server's backup directory →
 * multipart upload) and fetched back by the restore pod's fetch step, against a real S3 server.
 */
class BackupRestoreRoundTripTest {

  private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
  private static LocalS3 s3;
  private static S3ObjectStore store;
  private static S3Settings destination;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.inMemoryWithBucket("backups");
    destination = s3.settings("backups").withPrefix("hb");
    store = S3ObjectStoreFactory.withPartSizes(5 * PartSizing.MIB, 5 * PartSizing.MIB)
        .open(destination, LocalS3.credentials());
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
    s3.close();
  }

  /** A server backup directory: RocksDB checkpoints, chDB parts with long paths and an Atomic symlink. */
  private Path serverBackup() throws IOException {
    Path dir = temp.resolve("server-backup");
    Files.createDirectories(dir.resolve("wal"));
    Files.createDirectories(dir.resolve("meta"));
    String longPart = "data/store/a1b/a1b2c3d4-0000-4000-8000-" + "0".repeat(12) + "/" + "cpu_usage_".repeat(12) + "/all_1_1_0";
    Path part = Files.createDirectories(dir.resolve(longPart));
    Files.write(dir.resolve("wal/000012.sst"), pattern(6 * PartSizing.MIB + 17)); // archive spans two parts
    Files.writeString(dir.resolve("meta/CURRENT"), "MANIFEST-000005\n");
    Files.writeString(part.resolve("columns.txt"), "columns format version: 1\n");
    Files.createDirectories(dir.resolve("data/data/default"));
    Files.createSymbolicLink(dir.resolve("data/data/default/cpu"), Path.of("../../store/a1b"));
    Files.writeString(dir.resolve("manifest.json"), "{\"timestamp\":\"2026-03-10T02:00:00Z\"}");
    return dir;
  }

  private static byte[] pattern(int length) throws IOException {
    return new PatternStream(length, 11).readAllBytes();
  }

  private RunRequest request(String backupName) {
    return new RunRequest(backupName + "#1", "prod", backupName, "db", "db-1", List.of("db-0", "db-1"), "0.8.5",
        destination, 7, NOW);
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          entries.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          entries.put(rel, Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
        } else {
          entries.put(rel, "dir");
        }
      }
    }
    return entries;
  }

  /** {@code restore-fetch} through the operator's command line, with the container's args and env. */
  private int fetch(SnapshotLocation location, Path output, ByteArrayOutputStream err) {
    return fetch(new RestoreFetchArgs(destination, location, output.toString()).toArgs(), err);
  }

  private static int fetch(List<String> args, ByteArrayOutputStream err) {
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(
        Map.of(RestoreFetchArgs.ACCESS_KEY_ENV, LocalS3.ACCESS_KEY,
            RestoreFetchArgs.SECRET_KEY_ENV, LocalS3.SECRET_KEY),
        Path::of));
    cli.setOut(new PrintWriter(OutputStream.nullOutputStream()));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cli.execute(args.toArray(String[]::new));
  }

  @Test
  void snapshotRestoresTheServerBackupDirectoryExactly() throws Exception {
    Path source = serverBackup();
    RunReport report = new SnapshotUpload(store, Clock.fixed(NOW, ZoneOffset.UTC))
        .run(request("nightly"), () -> DirectoryTar.stream(source));

    RunReport.Snapshot snapshot = report.snapshot().orElseThrow(() -> new AssertionError(report.failure()));
    assertThat(snapshot.sizeBytes()).isGreaterThan(6L * PartSizing.MIB);
    Path output = temp.resolve("fetched");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(fetch(snapshot.location(), output, err)).as(err.toString()).isZero();

    assertThat(tree(output)).isEqualTo(tree(source));
  }

  @Test
  void tamperedArchiveIsRefusedAndLeavesNothingBehind() throws Exception {
    Path source = serverBackup();
    SnapshotLocation location = new SnapshotUpload(store, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
        .run(request("tamper"), () -> DirectoryTar.stream(source)).snapshot().orElseThrow().location();
    byte[] archive;
    try (var in = store.get(location.archiveKey())) {
      archive = in.readAllBytes();
    }
    archive[archive.length / 2] ^= 1;
    store.put(location.archiveKey(), archive);
    Path output = temp.resolve("tampered");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(fetch(location, output, err)).isEqualTo(1);

    assertThat(err.toString()).contains("does not match its manifest");
    assertThat(output).doesNotExist();
  }

  @Test
  void archiveEntriesOutsideTheOutputAreRefused() throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry evil = new TarArchiveEntry("../evil");
      evil.setSize(1);
      out.putArchiveEntry(evil);
      out.write('x');
      out.closeArchiveEntry();
    }
    SnapshotLocation location = new SnapshotLocation("backups", "hb/prod/db/20260101T000000Z/");
    store.put(location.archiveKey(), tar.toByteArray());
    store.put(location.manifestKey(), new SnapshotManifest(1, SnapshotManifest.COMPLETE, "x", "prod", "db", "0.8.5",
        List.of(), "db-0", SnapshotManifest.BEST_EFFORT, "t", "t",
        new SnapshotManifest.Archive("backup.tar", tar.size(), "00")).toJson());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(fetch(location, temp.resolve("out"), err)).isEqualTo(1);

    assertThat(err.toString()).contains("points outside the snapshot");
    assertThat(temp.resolve("evil")).doesNotExist();
  }

  @Test
  void aMissingSnapshotExitsFailedNotTransient() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = fetch(new SnapshotLocation("backups", "hb/prod/db/19990101T000000Z/"), temp.resolve("missing"), err);

    assertThat(exit).as(err.toString()).isEqualTo(RestoreFetchArgs.EXIT_FAILED);
  }

  @Test
  void badArgumentsExitWithTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = fetch(List.of("restore-fetch", "--bucket", "b"), err);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options", "--snapshot", "--output");
  }

  @Test
  void retentionOnARealBucketDeletesOnlyThisBackupsExpiredSnapshots() throws Exception {
    Instant later = NOW.plus(Duration.ofDays(30));
    S3Settings retained = destination.withPrefix("retention");
    try (S3ObjectStore bucket = new S3ObjectStoreFactory().open(retained, LocalS3.credentials())) {
      Path source = serverBackup();
      Clock old = Clock.fixed(later.minus(Duration.ofDays(8)), ZoneOffset.UTC);
      RunRequest mine = new RunRequest("a#1", "prod", "mine", "db", "db-1", List.of("db-1"), "0.8.5", retained, 7, NOW);
      RunRequest theirs = new RunRequest("b#1", "prod", "theirs", "db", "db-1", List.of("db-1"), "0.8.5", retained, 7, NOW);
      new SnapshotUpload(bucket, old).run(mine, () -> DirectoryTar.stream(source));
      new SnapshotUpload(bucket, Clock.fixed(later.minus(Duration.ofDays(9)), ZoneOffset.UTC)).run(theirs, () -> DirectoryTar.stream(source));
      new SnapshotUpload(bucket, Clock.fixed(later.minus(Duration.ofDays(2)), ZoneOffset.UTC)).run(mine, () -> DirectoryTar.stream(source));

      RunReport report =
          new SnapshotUpload(bucket, Clock.fixed(later, ZoneOffset.UTC)).run(mine, () -> DirectoryTar.stream(source));

      assertThat(report.cleanup().orElseThrow().deletedFolders()).containsExactly("retention/prod/db/20260401T020000Z/");
      List<String> folders = new ArrayList<>();
      bucket.list("retention/").stream().map(StoredObject::key).filter(k -> k.endsWith("manifest.json"))
          .forEach(folders::add);
      assertThat(folders).containsExactly(
          "retention/prod/db/20260331T020000Z/manifest.json", // expired, but another backup's
          "retention/prod/db/20260407T020000Z/manifest.json",
          "retention/prod/db/20260409T020000Z/manifest.json");
    }
  }

  /** {@code backup-upload} through the operator's command line, the container's paths under {@code root}. */
  private static int upload(List<String> args, Map<String, String> env, Path root, ByteArrayOutputStream out) {
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(env,
        path -> root.resolve(path.replaceFirst("^/+", ""))));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(out, true, StandardCharsets.UTF_8));
    return cli.execute(args.toArray(String[]::new));
  }

  private Path containerRoot(RunRequest run) throws IOException {
    Path root = temp.resolve("container-" + run.backupName());
    Path snapshot = root.resolve(("/var/lib/hyperbytedb/.hyperbyte-backup/" + run.backupName() + "/run_1/snapshot")
        .substring(1));
    Files.createDirectories(snapshot.getParent());
    Files.move(serverBackup(), snapshot);
    Files.createDirectories(root.resolve("dev"));
    Files.createFile(root.resolve("dev/termination-log"));
    return root;
  }

  @Test
  void theUploadStepUploadsReportsInItsTerminationMessageAndRemovesTheScratch() throws Exception {
    RunRequest run = new RunRequest("2026-03-10T02:00:00Z#1", "prod", "cli", "db", "db-1", List.of("db-0", "db-1"),
        "0.8.5", destination, 7, NOW);
    Path root = containerRoot(run);
    String scratch = "/var/lib/hyperbytedb/.hyperbyte-backup/cli/run_1";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = upload(new BackupUploadArgs(run, scratch + "/snapshot", scratch).toArgs(),
        Map.of(BackupUploadArgs.ACCESS_KEY_ENV, LocalS3.ACCESS_KEY, BackupUploadArgs.SECRET_KEY_ENV, LocalS3.SECRET_KEY),
        root, out);

    assertThat(exit).as(out.toString()).isZero();
    RunReport report = BackupUploadResult.parse(Files.readString(root.resolve("dev/termination-log"))).orElseThrow();
    RunReport.Snapshot snapshot = report.snapshot().orElseThrow();
    assertThat(report.runId()).isEqualTo(run.runId());
    assertThat(root.resolve(scratch.substring(1))).as("no copy of the data stays on the member volume").doesNotExist();
    Path fetched = temp.resolve("fetched-cli");
    assertThat(fetch(snapshot.location(), fetched, new ByteArrayOutputStream())).isZero();
    assertThat(tree(fetched)).isEqualTo(tree(serverBackupAgain()));
  }

  @Test
  void aRefusedStoreExitsFailedWithTheReasonAndStillRemovesTheScratch() throws Exception {
    RunRequest run = new RunRequest("2026-03-10T02:00:00Z#1", "prod", "refused", "db", "db-1", List.of("db-1"),
        "0.8.5", destination, 7, NOW);
    Path root = containerRoot(run);
    String scratch = "/var/lib/hyperbytedb/.hyperbyte-backup/refused/run_1";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = upload(new BackupUploadArgs(run, scratch + "/snapshot", scratch).toArgs(),
        Map.of(BackupUploadArgs.ACCESS_KEY_ENV, LocalS3.ACCESS_KEY, BackupUploadArgs.SECRET_KEY_ENV, "wrong"), root, out);

    assertThat(exit).as(out.toString()).isEqualTo(BackupUploadArgs.EXIT_FAILED);
    RunReport.Failure failure = BackupUploadResult.parse(Files.readString(root.resolve("dev/termination-log")))
        .orElseThrow().failure().orElseThrow();
    assertThat(failure.reason()).isEqualTo("AccessDenied");
    assertThat(failure.transientFailure()).isFalse();
    assertThat(root.resolve(scratch.substring(1))).doesNotExist();
  }

  private Path serverBackupAgain() throws IOException {
    Path again = temp.resolve("server-backup");
    if (!Files.exists(again)) {
      serverBackup();
    }
    return again;
  }
}
