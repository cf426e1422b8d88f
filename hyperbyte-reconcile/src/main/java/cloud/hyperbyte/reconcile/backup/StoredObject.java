package cloud.hyperbyte.reconcile.backup;

import java.time.Instant;
import java.util.Objects;

/** One object of a listing: full key, size and last modification. */
public record StoredObject(String key, long size, Instant lastModified) {

  public StoredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** Directory markers some S3-compatible stores list (keys ending in {@code /}); never data. */
  public boolean directoryMarker() {
    return key.endsWith("/");
  }
}
