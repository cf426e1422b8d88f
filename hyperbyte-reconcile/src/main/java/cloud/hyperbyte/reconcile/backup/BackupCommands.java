package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.render.config.ServerPaths;
import java.util.List;

/**
 * The commands the operator execs in the source member's database container. They use only what
 * the HyperbyteDB image ships ({@code /bin/sh}, {@code hyperbytedb}, GNU {@code tar}, {@code rm}).
 * The scratch directory is on the member volume, not in the pod's small {@code /tmp}, because it
 * holds a full copy of the data; it is removed after every run and at the start of the next one,
 * so an interrupted run leaves nothing behind for long.
 */
public final class BackupCommands {

  /** Scratch root on the member volume; wiped before and after every run. */
  public static final String SCRATCH_ROOT = OperatorPaths.DATA_DIR + "/.hyperbyte-backup";
  /** The server's backup output (must not exist before the backup: RocksDB checkpoint rule). */
  public static final String SNAPSHOT_DIR = SCRATCH_ROOT + "/snapshot";

  private BackupCommands() {}

  /**
   * Removes any leftover scratch, then runs {@code hyperbytedb --config <file> backup --output
   * <dir>} with the same config and env as the serving process, so it reads the same paths.
   */
  public static List<String> takeSnapshot() {
    String script =
        "set -eu; rm -rf '" + SCRATCH_ROOT + "'; mkdir -p '" + SCRATCH_ROOT + "'; "
            + "exec hyperbytedb --config '" + ServerPaths.CONFIG_FILE + "' backup --output '" + SNAPSHOT_DIR + "'";
    return List.of("/bin/sh", "-c", script);
  }

  /** Writes the snapshot directory as an uncompressed tar stream to stdout. */
  public static List<String> streamArchive() {
    return List.of("tar", "-C", SNAPSHOT_DIR, "-cf", "-", ".");
  }

  /** Removes the scratch directory. */
  public static List<String> removeScratch() {
    return List.of("rm", "-rf", SCRATCH_ROOT);
  }
}
