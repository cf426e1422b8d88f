package cloud.hyperbyte.testkit.db;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plain files on a member volume outside the server's own directories, kept in a directory of the
 * machine running the test (made on first write, removed when the JVM exits), so that programs of
 * other images in a pod mounting the volume (the operator image's backup upload) read and write
 * them with plain file I/O: paths are relative to the volume root, {@code /}-separated, {@code ""}
 * is the root. Callers hold the simulation's lock.
 */
final class VolumeFiles {

  private static final Path ALL;

  static {
    try {
      ALL = Files.createTempDirectory("hyperbyte-testkit-volumes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(ALL), "testkit-volume-cleanup"));
  }

  private Path root;

  /** Where {@code path} is on this machine (the volume's directory is made if it was not yet). */
  Path hostPath(String path) throws IOException {
    return resolve(root(), path);
  }

  boolean isFile(String path) {
    return root != null && Files.isRegularFile(resolveQuietly(path), LinkOption.NOFOLLOW_LINKS);
  }

  boolean isDirectory(String path) {
    return path.isEmpty() || (root != null && Files.isDirectory(resolveQuietly(path), LinkOption.NOFOLLOW_LINKS));
  }

  void mkdirs(String path) throws IOException {
    Path target = hostPath(path);
    for (Path p = target; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(root.relativize(p).toString(), null, "not a directory");
      }
    }
    Files.createDirectories(target);
  }

  void delete(String path) {
    if (root == null) {
      return;
    }
    Path target = resolveQuietly(path);
    if (target.equals(root)) {
      try (Stream<Path> children = Files.list(root)) {
        children.forEach(VolumeFiles::deleteTree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      deleteTree(target);
    }
  }

  byte[] read(String path) throws IOException {
    if (!isFile(path)) {
      throw new FileNotFoundException(path);
    }
    return Files.readAllBytes(hostPath(path));
  }

  void write(String path, byte[] content) throws IOException {
    if (!isDirectory(parent(path))) {
      throw new FileNotFoundException("no directory " + parent(path));
    }
    if (!path.isEmpty() && isDirectory(path)) {
      throw new FileAlreadyExistsException(path, null, "is a directory");
    }
    Files.write(hostPath(path), content);
  }

  /** Names of the entries directly in directory {@code path}, sorted. */
  List<String> list(String path) throws IOException {
    if (!isDirectory(path)) {
      throw new FileNotFoundException("no directory " + path);
    }
    if (root == null) {
      return new ArrayList<>();
    }
    try (Stream<Path> entries = Files.list(hostPath(path))) {
      return new ArrayList<>(entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private Path root() throws IOException {
    if (root == null) {
      root = Files.createTempDirectory(ALL, "volume-");
    }
    return root;
  }

  private Path resolveQuietly(String path) {
    try {
      return resolve(root, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resolve(Path root, String path) throws IOException {
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      throw new IOException(path + " leaves the volume");
    }
    return resolved;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static void deleteTree(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory; nothing depends on it
    }
  }
}
