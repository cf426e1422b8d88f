package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.render.config.ServerPaths;
import java.util.List;

/**
 * The commands the operator execs in the source member's database container. They use only what
 * the HyperbyteDB image ships ({@code /bin/sh}, {@code hyperbytedb}, GNU {@code tar}, {@code rm}).
 * The scratch directory is on the member volume, not in the pod's small {@code /tmp}, because it
 * holds a full copy of the data.
 *
 * <p>Each attempt has a directory of its own, {@code <root>/<backup>/<run id>}: two attempts on one
 * member (two backups of the cluster, or an attempt of an operator that lost leadership and the
 * retry of the new leader) never share one, so the cleanup of one cannot delete the other's
 * snapshot. An attempt removes its directory when it ends, and before it starts it removes what
 * earlier attempts of the same backup left behind (an interrupted run); other backups' directories
 * are left alone.
 */
public final class BackupCommands {

  /** Scratch root on the member volume; a restore wipes it with the rest of the volume. */
  public static final String SCRATCH_ROOT = OperatorPaths.DATA_DIR + "/.hyperbyte-backup";
  /** Where operators before per-attempt directories wrote their snapshot; removed if left behind. */
  private static final String LEGACY_SNAPSHOT_DIR = SCRATCH_ROOT + "/snapshot";

  private BackupCommands() {}

  /** The attempt's own scratch directory. */
  public static String scratchDir(RunRequest request) {
    return backupDir(request) + "/" + safe(request.runId());
  }

  /** The server's backup output (must not exist before the backup: RocksDB checkpoint rule). */
  public static String snapshotDir(RunRequest request) {
    return scratchDir(request) + "/snapshot";
  }

  /**
   * Removes what earlier attempts of this backup left, then runs {@code hyperbytedb --config <file>
   * backup --output <dir>} with the same config and env as the serving process, so it reads the same
   * paths.
   */
  public static List<String> takeSnapshot(RunRequest request) {
    String script =
        "set -eu; rm -rf '" + backupDir(request) + "' '" + LEGACY_SNAPSHOT_DIR + "'; mkdir -p '"
            + scratchDir(request) + "'; exec hyperbytedb --config '" + ServerPaths.CONFIG_FILE
            + "' backup --output '" + snapshotDir(request) + "'";
    return List.of("/bin/sh", "-c", script);
  }

  /** Writes the attempt's snapshot directory as an uncompressed tar stream to stdout. */
  public static List<String> streamArchive(RunRequest request) {
    return List.of("tar", "-C", snapshotDir(request), "-cf", "-", ".");
  }

  /** Removes the attempt's scratch directory. */
  public static List<String> removeScratch(RunRequest request) {
    return List.of("rm", "-rf", scratchDir(request));
  }

  private static String backupDir(RunRequest request) {
    return SCRATCH_ROOT + "/" + safe(request.backupName());
  }

  /** Path-safe and quote-safe: names and run ids keep letters, digits, dots, dashes and underscores. */
  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
