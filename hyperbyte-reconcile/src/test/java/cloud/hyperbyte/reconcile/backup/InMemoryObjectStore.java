package cloud.hyperbyte.reconcile.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An object store in memory, with an optional failure injected into every call. */
public final class InMemoryObjectStore implements ObjectStore {

  public final Map<String, byte[]> objects = new TreeMap<>();
  public final List<String> deleted = new ArrayList<>();
  public ObjectStoreException failure;

  @Override
  public long put(String key, InputStream data) {
    failIfAsked();
    try {
      byte[] bytes = data.readAllBytes();
      objects.put(key, bytes);
      return bytes.length;
    } catch (IOException e) {
      // as the S3 store does: a failed read of the data is a failed put
      throw new ObjectStoreException(ObjectStoreException.Reason.UNAVAILABLE, "reading the data for " + key, e);
    }
  }

  @Override
  public void put(String key, byte[] data) {
    failIfAsked();
    objects.put(key, data.clone());
  }

  @Override
  public List<StoredObject> list(String prefix) {
    failIfAsked();
    return objects.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(e -> new StoredObject(e.getKey(), e.getValue().length, Instant.EPOCH))
        .toList();
  }

  @Override
  public InputStream get(String key) {
    failIfAsked();
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      throw new ObjectStoreException(ObjectStoreException.Reason.NOT_FOUND, "no " + key);
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public void delete(Collection<String> keys) {
    failIfAsked();
    keys.forEach(k -> {
      objects.remove(k);
      deleted.add(k);
    });
  }

  /** Writes a complete snapshot of {@code backup} into {@code folder}. */
  public void putSnapshot(String folder, String backup, byte[] archive) {
    SnapshotManifest manifest =
        new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, SnapshotManifest.COMPLETE, backup, "prod", "db",
            "0.8.5", List.of("db-0"), "db-0", SnapshotManifest.BEST_EFFORT, "2026-01-01T00:00:00Z",
            "2026-01-01T00:01:00Z", new SnapshotManifest.Archive(SnapshotLayout.ARCHIVE, archive.length, "00"));
    objects.put(folder + SnapshotLayout.ARCHIVE, archive);
    objects.put(folder + SnapshotLayout.MANIFEST, manifest.toJson());
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }
}
