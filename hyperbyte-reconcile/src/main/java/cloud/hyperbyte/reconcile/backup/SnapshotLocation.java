package cloud.hyperbyte.reconcile.backup;

import java.util.Objects;
import java.util.Optional;

/**
 * One snapshot folder in one bucket, written in status as {@code s3://bucket/folder/}.
 *
 * @param bucket bucket name
 * @param folder key of the folder, ending in {@code /}
 */
public record SnapshotLocation(String bucket, String folder) {

  public SnapshotLocation {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(folder, "folder");
    if (!folder.endsWith("/")) {
      folder = folder + "/";
    }
  }

  /** Key of the archive in this snapshot. */
  public String archiveKey() {
    return folder + SnapshotLayout.ARCHIVE;
  }

  /** Key of the operator's manifest in this snapshot. */
  public String manifestKey() {
    return folder + SnapshotLayout.MANIFEST;
  }

  /** {@code s3://bucket/folder/}. */
  public String uri() {
    return "s3://" + bucket + "/" + folder;
  }

  /** Parses {@code s3://bucket/folder/}; empty for anything else. */
  public static Optional<SnapshotLocation> parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      return Optional.empty();
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new SnapshotLocation(rest.substring(0, slash), rest.substring(slash + 1)));
  }
}
