package cloud.hyperbyte.testkit.db;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plain files on a member volume outside the server's own directories, in memory: paths are
 * relative to the volume root, {@code /}-separated, {@code ""} is the root. Callers hold the
 * simulation's lock.
 */
final class VolumeFiles {

  private final TreeMap<String, byte[]> files = new TreeMap<>();
  private final TreeSet<String> directories = new TreeSet<>();

  boolean isFile(String path) {
    return files.containsKey(path);
  }

  boolean isDirectory(String path) {
    return path.isEmpty() || directories.contains(path);
  }

  void mkdirs(String path) throws IOException {
    String current = "";
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      current = current.isEmpty() ? segment : current + "/" + segment;
      if (files.containsKey(current)) {
        throw new FileAlreadyExistsException(current, null, "not a directory");
      }
      directories.add(current);
    }
  }

  void delete(String path) {
    if (path.isEmpty()) {
      files.clear();
      directories.clear();
      return;
    }
    files.remove(path);
    directories.remove(path);
    String prefix = path + "/";
    files.subMap(prefix, prefix + Character.MAX_VALUE).clear();
    directories.subSet(prefix, prefix + Character.MAX_VALUE).clear();
  }

  byte[] read(String path) throws IOException {
    byte[] content = files.get(path);
    if (content == null) {
      throw new FileNotFoundException(path);
    }
    return content.clone();
  }

  void write(String path, byte[] content) throws IOException {
    if (!isDirectory(parent(path))) {
      throw new FileNotFoundException("no directory " + parent(path));
    }
    if (directories.contains(path)) {
      throw new FileAlreadyExistsException(path, null, "is a directory");
    }
    files.put(path, content.clone());
  }

  /** Names of the entries directly in directory {@code path}, sorted. */
  List<String> list(String path) throws IOException {
    if (!isDirectory(path)) {
      throw new FileNotFoundException("no directory " + path);
    }
    String prefix = path.isEmpty() ? "" : path + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String candidate : files.navigableKeySet().tailSet(prefix)) {
      if (!candidate.startsWith(prefix)) {
        break;
      }
      names.add(firstSegment(candidate.substring(prefix.length())));
    }
    for (String candidate : directories.tailSet(prefix)) {
      if (!candidate.startsWith(prefix)) {
        break;
      }
      if (candidate.length() > prefix.length()) {
        names.add(firstSegment(candidate.substring(prefix.length())));
      }
    }
    return new ArrayList<>(names);
  }

  private static String firstSegment(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
