package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.HashingInputStream;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The work of the restore pod's fetch step: stream one snapshot's archive from the bucket and
 * unpack it, in one pass and with constant memory, verifying the archive's size and SHA-256
 * against the snapshot's manifest. On any failure the output directory is removed, so the
 * database container never restores a partial or corrupted snapshot.
 *
 * <p>Entries must stay inside the output directory: absolute names, {@code ..}, and writes
 * through symbolic links are refused. Symbolic links themselves are recreated as they were
 * (chDB's Atomic databases link table directories into {@code store/}).
 */
public final class SnapshotFetch {

  /** What was fetched. */
  public record Result(long archiveBytes, String sha256, int entries) {}

  /** A snapshot that cannot be restored, with a message for the pod's termination log. */
  public static final class FetchException extends Exception {
    public FetchException(String message, Throwable cause) {
      super(message, cause);
    }

    public FetchException(String message) {
      super(message);
    }
  }

  private final ObjectStore store;

  public SnapshotFetch(ObjectStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Fetches {@code snapshot} into {@code output} (absent or empty). */
  public Result fetch(SnapshotLocation snapshot, Path output) throws FetchException {
    SnapshotManifest manifest = manifest(snapshot);
    try {
      Files.createDirectories(output);
      try (Stream<Path> existing = Files.list(output)) {
        if (existing.findAny().isPresent()) {
          throw new FetchException("output " + output + " is not empty");
        }
      }
    } catch (IOException e) {
      throw new FetchException("cannot prepare " + output + ": " + e.getMessage(), e);
    }
    try {
      Result result = unpack(snapshot, output);
      SnapshotManifest.Archive expected = manifest.archive();
      if (result.archiveBytes() != expected.sizeBytes() || !result.sha256().equals(expected.sha256())) {
        throw new FetchException("archive of " + snapshot.uri() + " does not match its manifest: "
            + result.archiveBytes() + " bytes sha256 " + result.sha256() + ", expected " + expected.sizeBytes()
            + " bytes sha256 " + expected.sha256());
      }
      return result;
    } catch (FetchException | RuntimeException e) {
      TarUnpack.deleteQuietly(output);
      throw e;
    } catch (IOException e) {
      TarUnpack.deleteQuietly(output);
      throw new FetchException("unpacking " + snapshot.archiveKey() + " failed: " + e.getMessage(), e);
    }
  }

  private SnapshotManifest manifest(SnapshotLocation snapshot) throws FetchException {
    try (InputStream in = store.get(snapshot.manifestKey())) {
      SnapshotManifest manifest = SnapshotManifest.parse(in.readNBytes(1 << 20))
          .orElseThrow(() -> new FetchException(snapshot.manifestKey() + " is not a snapshot manifest"));
      if (!manifest.complete()) {
        throw new FetchException("snapshot " + snapshot.uri() + " is incomplete (its upload was interrupted)");
      }
      return manifest;
    } catch (IOException | RuntimeException e) {
      throw new FetchException("cannot read " + snapshot.manifestKey() + ": " + e.getMessage(), e);
    }
  }

  private Result unpack(SnapshotLocation snapshot, Path output) throws IOException, FetchException {
    try (HashingInputStream archive = new HashingInputStream(store.get(snapshot.archiveKey()))) {
      int entries;
      try {
        entries = TarUnpack.unpack(archive, output);
      } catch (TarUnpack.UnsafeEntryException e) {
        throw new FetchException(e.getMessage());
      }
      // the archive's end-of-archive padding belongs to the checksum too
      archive.transferTo(OutputStream.nullOutputStream());
      return new Result(archive.count(), archive.sha256Hex(), entries);
    }
  }
}
