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

  @Test
  void theSnapshotCommandClearsLeftoverScratchAndRunsTheServersBackupIntoAFreshDirectory() throws Exception {
    Path data = root.resolve("data");
    Path leftover = data.resolve(".hyperbyte-backup/snapshot/wal/old");
    Files.createDirectories(leftover.getParent());
    Files.writeString(leftover, "from an interrupted run");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path server = bin.resolve("hyperbytedb");
    Files.writeString(server, "#!/bin/sh\n"
        + "echo \"$*\" > \"" + root.resolve("called") + "\"\n"
        + "out=\"$5\"; if [ -e \"$out\" ]; then echo existed > \"" + root.resolve("existed") + "\"; fi\n");
    Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(BackupCommands.takeSnapshot());
    command.set(2, command.get(2).replace(OperatorPaths.DATA_DIR, data.toString()));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    int exit = process.waitFor();

    assertThat(exit).as(output).isZero();
    assertThat(Files.readString(root.resolve("called")).trim())
        .isEqualTo("--config /etc/hyperbytedb/config.toml backup --output " + data + "/.hyperbyte-backup/snapshot");
    assertThat(root.resolve("existed")).as("the server's checkpoint needs an absent directory").doesNotExist();
    assertThat(leftover).doesNotExist();
    assertThat(data.resolve(".hyperbyte-backup")).isDirectory();
  }
}
