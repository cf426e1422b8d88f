package cloud.hyperbyte.reconcile.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What retention deletes after a run. Only snapshot folders below the cluster's own prefix
 * ({@link SnapshotLayout#clusterPrefix}) whose timestamp is older than {@code retentionDays} are
 * candidates; the caller then keeps only the candidates whose manifest names this backup (two
 * backups of one cluster may share the prefix), and only those are deleted. Keys outside the
 * layout, other clusters, other prefixes and the snapshot just written are never touched.
 */
public final class RetentionDecision {

  private RetentionDecision() {}

  /**
   * Snapshot folders below {@code clusterPrefix} strictly older than {@code now - retentionDays},
   * except {@code keepFolder}, oldest first.
   */
  public static List<String> expiredFolders(
      Collection<StoredObject> listing, String clusterPrefix, Instant now, int retentionDays, String keepFolder) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retentionDays must be >= 1, was " + retentionDays);
    }
    Instant cutoff = now.minus(Duration.ofDays(retentionDays));
    Set<String> folders = new LinkedHashSet<>();
    for (StoredObject object : listing) {
      if (object.directoryMarker()) {
        continue;
      }
      Optional<String> folder = SnapshotLayout.folderOf(clusterPrefix, object.key());
      folder
          .filter(f -> !f.equals(keepFolder))
          .filter(f -> SnapshotLayout.folderTime(f).map(t -> t.isBefore(cutoff)).orElse(false))
          .ifPresent(folders::add);
    }
    return folders.stream().sorted().toList();
  }

  /**
   * Every listed key inside {@code folders} (directory markers excluded: some stores list them
   * but they disappear with their contents), manifest last so an interrupted deletion leaves a
   * folder retention still recognises.
   */
  public static List<String> keysToDelete(Collection<StoredObject> listing, Collection<String> folders) {
    List<String> keys =
        listing.stream()
            .filter(o -> !o.directoryMarker())
            .map(StoredObject::key)
            .filter(key -> folders.stream().anyMatch(key::startsWith))
            .sorted()
            .toList();
    List<String> data = keys.stream().filter(k -> !k.endsWith("/" + SnapshotLayout.MANIFEST)).toList();
    List<String> manifests = keys.stream().filter(k -> k.endsWith("/" + SnapshotLayout.MANIFEST)).toList();
    return java.util.stream.Stream.concat(data.stream(), manifests.stream()).toList();
  }
}
