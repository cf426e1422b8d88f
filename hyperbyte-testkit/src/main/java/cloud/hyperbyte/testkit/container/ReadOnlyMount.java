package cloud.hyperbyte.testkit.container;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;

/**
 * A read-only mount whose content is not simulated (ConfigMaps, Secrets): it exists, is empty to
 * listings, and refuses writes as a read-only file system does. The server CLI takes
 * {@code --config} paths on it without reading them.
 */
public final class ReadOnlyMount implements Mount {

  @Override
  public boolean isFile(String path) {
    return false;
  }

  @Override
  public boolean isDirectory(String path) {
    return path.isEmpty();
  }

  @Override
  public void mkdirs(String path) throws IOException {
    throw readOnly(path);
  }

  @Override
  public void delete(String path) throws IOException {
    throw readOnly(path);
  }

  @Override
  public byte[] read(String path) throws IOException {
    throw new FileNotFoundException(path + " (content of this mount is not simulated)");
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    throw readOnly(path);
  }

  @Override
  public List<String> list(String path) {
    return List.of();
  }

  private static IOException readOnly(String path) {
    return new AccessDeniedException(path, null, "Read-only file system");
  }
}
