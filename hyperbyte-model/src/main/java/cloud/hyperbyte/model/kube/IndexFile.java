package cloud.hyperbyte.model.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A committed index of class shapes as text, written at build time and read by a render: one row a
 * line, fields separated by tabs; a class's entry is a header row ({@code KIND CLASS}) followed by
 * its member rows, each indented by a tab; lines starting with {@code #} are comments. An entry is
 * split into rows only when its class is asked for: a render needs a few of them.
 */
public final class IndexFile {

  /** Each class's entry as text, its header row first. */
  private final Map<String, String> entries;

  private IndexFile(Map<String, String> entries) {
    this.entries = entries;
  }

  /** The index in resource {@code name} beside {@code owner}; empty without one. */
  public static IndexFile load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      return in == null ? empty() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index that names no class. */
  public static IndexFile empty() {
    return new IndexFile(Map.of());
  }

  /** The index written as {@code text}. */
  public static IndexFile parse(String text) {
    Map<String, String> entries = new HashMap<>();
    String name = null;
    int entryStart = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      char first = start == end ? '\n' : text.charAt(start);
      if (first != '\t' && first != '#' && first != '\n') {
        if (name != null) {
          entries.put(name, text.substring(entryStart, start));
        }
        name = text.substring(text.indexOf('\t', start) + 1, end);
        entryStart = start;
      }
      start = end + 1;
    }
    if (name != null) {
      entries.put(name, text.substring(entryStart));
    }
    return new IndexFile(entries);
  }

  /** Whether the index names the class {@code name}. */
  public boolean covers(String name) {
    return entries.containsKey(name);
  }

  /** The names of the classes the index names. */
  public Set<String> classNames() {
    return entries.keySet();
  }

  /** The rows of the entry of class {@code name}, its header row first, split into fields; null if none. */
  public List<String[]> rows(String name) {
    String entry = entries.get(name);
    if (entry == null) {
      return null;
    }
    List<String[]> rows = new ArrayList<>();
    int start = 0;
    while (start < entry.length()) {
      int end = entry.indexOf('\n', start);
      end = end < 0 ? entry.length() : end;
      if (end > start) {
        int from = entry.charAt(start) == '\t' ? start + 1 : start;
        rows.add(entry.substring(from, end).split("\t", -1));
      }
      start = end + 1;
    }
    return rows;
  }

  /** Writes an index: entries in the order given, which the caller makes deterministic. */
  public static final class Writer {
    private final StringBuilder out;

    /** @param comment the lines that open the file, each starting with {@code #} */
    public Writer(String comment) {
      out = new StringBuilder(comment);
    }

    /** Starts the entry of class {@code name}. */
    public Writer entry(String kind, String name) {
      return row("", kind, name);
    }

    /** A member row of the current entry. */
    public Writer member(String... fields) {
      return row("\t", fields);
    }

    private Writer row(String indent, String... fields) {
      for (String field : fields) {
        if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0) {
          throw new IllegalArgumentException("cannot index " + String.join(" ", fields));
        }
      }
      out.append(indent).append(String.join("\t", fields)).append('\n');
      return this;
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }
}
