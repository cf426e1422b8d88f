package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.render.config.ServerPaths;
import java.util.List;

/**
 * The snapshot step of a backup pod, run by the database image next to the source member (same node,
 * same volume). It uses only what the HyperbyteDB image ships ({@code /bin/sh}, {@code hyperbytedb},
 * {@code rm}, {@code mkdir}).
 * The scratch directory is on the member volume, not in the pod's small {@code /tmp}, because it
 * holds a full copy of the data.
 *
 * <p>Each attempt has a directory of its own, {@code <root>/<backup>/<run id>}: two attempts on one
 * member (two backups of the cluster, or an attempt of an operator that lost leadership and the
 * retry of the new leader) never share one, so the cleanup of one cannot delete the other's
 * snapshot. An attempt removes its directory when it ends, and before it starts it removes what
 * earlier attempts of the same backup left behind (an interrupted run); other backups' directories
 * are left alone. The upload step removes the directory when it ends.
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
   * paths; a failed backup removes the attempt's scratch directory before it exits.
   */
  public static List<String> takeSnapshot(RunRequest request) {
    return takeSnapshot(backupDir(request), scratchDir(request), snapshotDir(request));
  }

  /**
   * The snapshot script for any scratch layout (backup pods, seeding): clears {@code clearFirst}
   * (what earlier attempts of the same owner left), creates {@code scratchDir} and writes the
   * server's backup into {@code snapshotDir}, which must lie inside it and not exist yet.
   */
  public static List<String> takeSnapshot(String clearFirst, String scratchDir, String snapshotDir) {
    if (!snapshotDir.startsWith(scratchDir + "/") || !scratchDir.startsWith(clearFirst)) {
      throw new IllegalArgumentException("the snapshot lies in the scratch directory, which lies in what is cleared");
    }
    String script =
        "set -eu; rm -rf '" + clearFirst + "' '" + LEGACY_SNAPSHOT_DIR + "'; mkdir -p '" + scratchDir
            + "'; hyperbytedb --config '" + ServerPaths.CONFIG_FILE + "' backup --output '" + snapshotDir
            + "' || { rm -rf '" + scratchDir + "'; exit 1; }";
    return List.of("/bin/sh", "-c", script);
  }

  private static String backupDir(RunRequest request) {
    return SCRATCH_ROOT + "/" + safe(request.backupName());
  }

  /** Path-safe and quote-safe: names and run ids keep letters, digits, dots, dashes and underscores. */
  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
