package cloud.hyperbyte.testkit.container;

import cloud.hyperbyte.testkit.db.MemberVolume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A member's PVC mounted at the data directory. The server's directories ({@link
 * MemberVolume#SERVER_DIRECTORIES}) are modelled by their meaning: they can be deleted as a whole
 * ({@code rm -rf .../raft} resets Raft state) and are read and written only through the
 * {@code hyperbytedb} CLI; any path inside them is refused as not simulated. Other paths are plain
 * files kept with the volume.
 */
public final class MemberVolumeMount implements Mount {

  private final MemberVolume volume;

  public MemberVolumeMount(MemberVolume volume) {
    this.volume = Objects.requireNonNull(volume, "volume");
  }

  public MemberVolume volume() {
    return volume;
  }

  @Override
  public boolean isFile(String path) {
    return serverDirectory(path) == null && volume.isFile(path);
  }

  @Override
  public boolean isDirectory(String path) {
    String server = serverDirectory(path);
    return server != null ? server.equals(path) : volume.isDirectory(path);
  }

  @Override
  public void mkdirs(String path) throws IOException {
    if (serverDirectory(path) != null) {
      if (serverDirectory(path).equals(path)) {
        return; // the server creates its directories itself
      }
      throw notSimulated(path);
    }
    volume.mkdirs(path);
  }

  @Override
  public void delete(String path) throws IOException {
    String server = serverDirectory(path);
    if (path.isEmpty()) {
      MemberVolume.SERVER_DIRECTORIES.forEach(volume::wipe);
      volume.delete("");
    } else if (server == null) {
      volume.delete(path);
    } else if (server.equals(path)) {
      volume.wipe(server);
    } else {
      throw notSimulated(path);
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    if (serverDirectory(path) != null) {
      throw notSimulated(path);
    }
    return volume.read(path);
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    if (serverDirectory(path) != null) {
      throw notSimulated(path);
    }
    volume.write(path, content);
  }

  @Override
  public List<String> list(String path) throws IOException {
    if (serverDirectory(path) != null) {
      throw notSimulated(path);
    }
    List<String> names = new ArrayList<>(volume.list(path));
    if (path.isEmpty()) {
      names.addAll(MemberVolume.SERVER_DIRECTORIES);
      names.sort(null);
    }
    return names;
  }

  /** A plain file's place on this machine; the server's directories have none (they are modelled by meaning). */
  @Override
  public java.util.Optional<java.nio.file.Path> hostPath(String path) {
    if (serverDirectory(path) != null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(volume.hostPath(path));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String serverDirectory(String path) {
    String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    return MemberVolume.SERVER_DIRECTORIES.contains(first) ? first : null;
  }

  private static IOException notSimulated(String path) {
    return new IOException("testkit: files inside the server directory " + path
        + " are not simulated (use the hyperbytedb CLI, or delete the whole directory)");
  }
}
