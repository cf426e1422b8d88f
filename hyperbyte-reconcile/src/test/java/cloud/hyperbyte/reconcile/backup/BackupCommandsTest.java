package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot command under the real /bin/sh, the data directory moved to a temp directory and a
 * stand-in {@code hyperbytedb} that records its arguments and whether its output existed already.
 */
class BackupCommandsTest {

  @TempDir Path root;

  private static RunRequest attempt(String backup, String runId) {
    return new RunRequest(runId, "prod", backup, "db", "db-1", List.of("db-0", "db-1"), "0.8.5",
        new S3Settings("backups", "hb", null, java.util.Optional.empty(), true, java.util.Optional.of("s3-creds")),
        7, java.time.Instant.parse("2026-03-10T02:00:00Z"));
  }

  @Test
  void theSnapshotCommandClearsItsBackupsLeftoversAndRunsTheServersBackupIntoAFreshDirectory() throws Exception {
    Path data = root.resolve("data");
    Path interrupted = data.resolve(".hyperbyte-backup/nightly/run_0/snapshot/wal/old");
    Path legacy = data.resolve(".hyperbyte-backup/snapshot/wal/old");
    Path otherBackup = data.resolve(".hyperbyte-backup/weekly/run_1/snapshot/wal/current");
    for (Path file : List.of(interrupted, legacy, otherBackup)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "scratch");
    }
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path server = bin.resolve("hyperbytedb");
    Files.writeString(server, "#!/bin/sh\n"
        + "echo \"$*\" > \"" + root.resolve("called") + "\"\n"
        + "out=\"$5\"; if [ -e \"$out\" ]; then echo existed > \"" + root.resolve("existed") + "\"; fi\n");
    Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(BackupCommands.takeSnapshot(attempt("nightly", "run#1")));
    command.set(2, command.get(2).replace(OperatorPaths.DATA_DIR, data.toString()));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    int exit = process.waitFor();

    assertThat(exit).as(output).isZero();
    assertThat(Files.readString(root.resolve("called")).trim()).isEqualTo(
        "--config /etc/hyperbytedb/config.toml backup --output " + data + "/.hyperbyte-backup/nightly/run_1/snapshot");
    assertThat(root.resolve("existed")).as("the server's checkpoint needs an absent directory").doesNotExist();
    assertThat(interrupted).as("an interrupted attempt of the same backup").doesNotExist();
    assertThat(legacy).as("the single scratch directory of earlier operator versions").doesNotExist();
    assertThat(otherBackup).as("another backup's attempt, possibly running").exists();
    assertThat(data.resolve(".hyperbyte-backup/nightly/run_1")).isDirectory();
  }
}
