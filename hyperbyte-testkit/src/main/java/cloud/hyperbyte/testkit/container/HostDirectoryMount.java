package cloud.hyperbyte.testkit.container;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A mount backed by a real directory of the machine running the test (an {@code emptyDir}): a
 * program of another image (e.g. the operator's restore-fetch step) can write into it with plain
 * file I/O through {@link #hostPath}. A {@link #readOnly} one (a Secret's files the kubelet wrote)
 * refuses writes through this interface as a read-only file system does.
 */
public final class HostDirectoryMount implements Mount {

  private final Path root;
  private final boolean readOnly;

  public HostDirectoryMount(Path root) {
    this(root, false);
  }

  private HostDirectoryMount(Path root, boolean readOnly) {
    this.root = root.toAbsolutePath().normalize();
    this.readOnly = readOnly;
  }

  /** The files in {@code root}, read-only. */
  public static HostDirectoryMount readOnly(Path root) {
    return new HostDirectoryMount(root, true);
  }

  @Override
  public boolean isFile(String path) {
    return Files.isRegularFile(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void mkdirs(String path) throws IOException {
    refuseIfReadOnly(path);
    Files.createDirectories(resolve(path));
  }

  @Override
  public void delete(String path) throws IOException {
    refuseIfReadOnly(path);
    Path target = resolve(path);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(target)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    if (!isFile(path)) {
      throw new FileNotFoundException(path);
    }
    return Files.readAllBytes(resolve(path));
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    refuseIfReadOnly(path);
    Files.write(resolve(path), content);
  }

  @Override
  public List<String> list(String path) throws IOException {
    try (Stream<Path> entries = Files.list(resolve(path))) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public Optional<Path> hostPath(String path) {
    return Optional.of(resolve(path));
  }

  private void refuseIfReadOnly(String path) throws IOException {
    if (readOnly) {
      throw new AccessDeniedException(path, null, "Read-only file system");
    }
  }

  private Path resolve(String path) {
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException(path + " leaves the mount");
    }
    return resolved;
  }
}
