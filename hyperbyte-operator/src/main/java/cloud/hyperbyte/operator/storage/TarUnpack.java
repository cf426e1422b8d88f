package cloud.hyperbyte.operator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar stream of a server backup directory into a directory, in one pass with constant
 * memory (the restore's fetch from S3 and the seed's fetch from a source pod). Entries must stay
 * inside the output: absolute names, {@code ..} and writes through symbolic links are refused;
 * symbolic links themselves are recreated (chDB's Atomic databases link tables into {@code store/}).
 */
public final class TarUnpack {

  /** An entry that would land outside the output directory, or of a type not unpacked. */
  public static final class UnsafeEntryException extends Exception {
    UnsafeEntryException(String message) {
      super(message);
    }
  }

  private TarUnpack() {}

  /**
   * Unpacks {@code archive} into {@code output} (which must exist).
   *
   * @return the number of entries written
   */
  public static int unpack(InputStream archive, Path output) throws IOException, UnsafeEntryException {
    Path root = output.toRealPath();
    int entries = 0;
    TarArchiveInputStream tar = new TarArchiveInputStream(archive);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      Path target = inside(root, entry.getName());
      if (target.equals(root)) {
        continue; // "./"
      }
      Path parent = target.getParent();
      Files.createDirectories(parent);
      if (!parent.toRealPath().startsWith(root)) {
        throw new UnsafeEntryException("entry " + entry.getName() + " would be written through a symbolic link");
      }
      if (entry.isDirectory()) {
        Files.createDirectories(target);
      } else if (entry.isSymbolicLink()) {
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      } else if (entry.isLink()) {
        Files.copy(inside(root, entry.getLinkName()), target, LinkOption.NOFOLLOW_LINKS);
      } else if (entry.isFile()) {
        try (OutputStream out = Files.newOutputStream(target)) {
          tar.transferTo(out);
        }
      } else {
        throw new UnsafeEntryException("entry " + entry.getName() + " has an unsupported type");
      }
      entries++;
    }
    return entries;
  }

  private static Path inside(Path root, String name) throws UnsafeEntryException {
    Path relative = Path.of(name).normalize();
    if (relative.isAbsolute() || relative.startsWith("..")) {
      throw new UnsafeEntryException("entry " + name + " points outside the snapshot");
    }
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root)) {
      throw new UnsafeEntryException("entry " + name + " points outside the snapshot");
    }
    return target;
  }

  /** Removes {@code output} and what it holds, as far as possible (a failed fetch leaves nothing behind). */
  public static void deleteQuietly(Path output) {
    if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(output)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort; the emptyDir goes with the pod
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
