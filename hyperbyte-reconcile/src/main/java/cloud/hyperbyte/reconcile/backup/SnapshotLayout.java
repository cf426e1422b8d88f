package cloud.hyperbyte.reconcile.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Object keys of snapshots. One snapshot is the folder {@code
 * <prefix>/<namespace>/<cluster>/<yyyyMMdd'T'HHmmss'Z'>/} holding {@value #ARCHIVE} (the server's
 * backup directory as a tar stream) and {@value #MANIFEST} (what the operator knows about it, see
 * {@link SnapshotManifest}). Timestamps are UTC and sort lexicographically in time order.
 */
public final class SnapshotLayout {

  /** The server's backup directory ({@code wal/ meta/ data/ manifest.json}) as one tar stream. */
  public static final String ARCHIVE = "backup.tar";
  /** The operator's manifest; written first as "uploading", rewritten as "complete" at the end. */
  public static final String MANIFEST = "manifest.json";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SnapshotLayout() {}

  /** {@code <prefix>/<namespace>/<cluster>/}: every snapshot of the cluster lives below it. */
  public static String clusterPrefix(S3Settings settings, String namespace, String cluster) {
    String base = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
    return base + namespace + "/" + cluster + "/";
  }

  /** The folder of the snapshot started at {@code startedAt} (truncated to the second). */
  public static String snapshotFolder(S3Settings settings, String namespace, String cluster, Instant startedAt) {
    return clusterPrefix(settings, namespace, cluster) + stamp(startedAt) + "/";
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
  public static String stamp(Instant instant) {
    return STAMP.format(instant);
  }

  /**
   * The snapshot folder a key below {@code clusterPrefix} belongs to, when the key follows the
   * layout ({@code <clusterPrefix><stamp>/<file>}); anything else is not a snapshot of ours.
   */
  public static Optional<String> folderOf(String clusterPrefix, String key) {
    if (!key.startsWith(clusterPrefix)) {
      return Optional.empty();
    }
    String rest = key.substring(clusterPrefix.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || parseStamp(rest.substring(0, slash)).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(clusterPrefix + rest.substring(0, slash + 1));
  }

  /** The time encoded in a snapshot folder ({@code .../<stamp>/}). */
  public static Optional<Instant> folderTime(String folder) {
    String trimmed = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    return parseStamp(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }

  static Optional<Instant> parseStamp(String text) {
    if (text.length() != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(STAMP.parse(text)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
