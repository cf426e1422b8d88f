package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.reconcile.backup.SnapshotLayout;
import cloud.hyperbyte.reconcile.backup.StoredObject;
import java.util.Collection;
import java.util.List;

/**
 * Which snapshot an explicit {@code source.s3.prefix} names. The prefix must be one snapshot
 * folder (it holds {@code manifest.json} directly). A prefix above several snapshots is refused
 * with their list: picking the newest, as the Go operator does, would restore something the user
 * did not ask for.
 */
public final class SnapshotSelection {

  private SnapshotSelection() {}

  /** What the listing below {@code folder} (ending in {@code /}) shows. */
  public sealed interface Choice {}

  /** {@code folder} itself is a snapshot. */
  public record Exact(String folder) implements Choice {}

  /** {@code folder} holds several snapshot folders (sorted, newest last); none is chosen. */
  public record Several(List<String> folders) implements Choice {}

  /** No snapshot at or below {@code folder}. */
  public record None() implements Choice {}

  /** Classifies the objects listed under {@code folder}. */
  public static Choice choose(String folder, Collection<StoredObject> listing) {
    String manifest = folder + SnapshotLayout.MANIFEST;
    if (listing.stream().anyMatch(o -> o.key().equals(manifest))) {
      return new Exact(folder);
    }
    List<String> below =
        listing.stream()
            .map(StoredObject::key)
            .filter(k -> k.endsWith("/" + SnapshotLayout.MANIFEST))
            .map(k -> k.substring(0, k.length() - SnapshotLayout.MANIFEST.length()))
            .sorted()
            .toList();
    return below.isEmpty() ? new None() : new Several(below);
  }
}
