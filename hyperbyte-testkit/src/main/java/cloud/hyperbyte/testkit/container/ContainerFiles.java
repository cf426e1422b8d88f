package cloud.hyperbyte.testkit.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The file system a simulated container sees: its volume mounts by mount path. Only mounted paths
 * exist; the image's own root file system is not simulated.
 */
public final class ContainerFiles {

  /** A path resolved to its mount and the path relative to the mount point. */
  public record Resolved(Mount mount, String relative, String path) {}

  private final Map<String, Mount> mounts;

  /** @param mounts mounts by absolute mount path */
  public ContainerFiles(Map<String, Mount> mounts) {
    this.mounts = new LinkedHashMap<>(mounts);
  }

  public Map<String, Mount> mounts() {
    return Map.copyOf(mounts);
  }

  /** The mount at exactly {@code mountPath}. */
  public Optional<Mount> mountAt(String mountPath) {
    return Optional.ofNullable(mounts.get(normalize(mountPath)));
  }

  /**
   * The mount holding absolute {@code path} (the longest mount path that contains it).
   *
   * @throws IOException when no mount holds it
   */
  public Resolved resolve(String path) throws IOException {
    String normalized = normalize(path);
    List<String> candidates = mounts.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String mountPath : candidates) {
      String mp = normalize(mountPath);
      if (normalized.equals(mp)) {
        return new Resolved(mounts.get(mountPath), "", normalized);
      }
      String prefix = mp.equals("/") ? "/" : mp + "/";
      if (normalized.startsWith(prefix)) {
        return new Resolved(mounts.get(mountPath), normalized.substring(prefix.length()), normalized);
      }
    }
    throw new IOException(path + ": No such file or directory (testkit: only mounted volumes are simulated)");
  }

  /** Where absolute {@code path} is on the test machine, when its mount is a real directory. */
  public Optional<Path> hostPath(String path) {
    try {
      Resolved resolved = resolve(path);
      return resolved.mount().hostPath(resolved.relative());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code path} made absolute (the working directory is {@code /}), without {@code .} segments or trailing slash. */
  static String normalize(String path) {
    Objects.requireNonNull(path, "path");
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(0, slash));
        continue;
      }
      out.append('/').append(segment);
    }
    return out.length() == 0 ? "/" : out.toString();
  }
}
