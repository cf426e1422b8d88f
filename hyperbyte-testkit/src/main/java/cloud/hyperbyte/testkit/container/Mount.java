package cloud.hyperbyte.testkit.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A volume mounted into a simulated container. Paths are relative to the mount point,
 * {@code /}-separated, {@code ""} is the mount point itself.
 */
public interface Mount {

  boolean isFile(String path);

  boolean isDirectory(String path);

  /** Creates the directory and its parents. */
  void mkdirs(String path) throws IOException;

  /** Deletes the file or directory tree; absent is not an error. */
  void delete(String path) throws IOException;

  byte[] read(String path) throws IOException;

  /** Writes a file; its directory must exist. */
  void write(String path, byte[] content) throws IOException;

  /** Names in directory {@code path}, sorted. */
  List<String> list(String path) throws IOException;

  /** Where {@code path} is on the machine running the test, when the mount is a real directory. */
  default Optional<Path> hostPath(String path) {
    return Optional.empty();
  }
}
