package cloud.hyperbyte.render.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal TOML writer for flat tables of strings, integers and booleans. Tables and keys come out
 * in insertion order, so equal documents are byte-identical. Deliberately small: config.toml needs
 * nothing more, and owning the writer keeps the output under our control.
 */
public final class TomlDocument {

  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** The table {@code [name]}, created at the end of the document on first use. */
  public Table table(String name) {
    requireBareKey(name.replace('.', '_'));
    return tables.computeIfAbsent(name, Table::new);
  }

  /** The tables in document order. */
  public List<Table> tables() {
    return Collections.unmodifiableList(new ArrayList<>(tables.values()));
  }

  /** The document as TOML text; empty tables are written as headers only. */
  public String write() {
    StringBuilder out = new StringBuilder();
    for (Table table : tables.values()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append('[').append(table.name).append("]\n");
      table.values.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
    }
    return out.toString();
  }

  /** One {@code [table]} with its keys in insertion order. */
  public static final class Table {
    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Table(String name) {
      this.name = name;
    }

    /** The table's dotted name. */
    public String name() {
      return name;
    }

    /** Keys in insertion order. */
    public List<String> keys() {
      return List.copyOf(values.keySet());
    }

    public Table put(String key, String value) {
      return putLiteral(key, quote(value));
    }

    public Table put(String key, long value) {
      return putLiteral(key, Long.toString(value));
    }

    public Table put(String key, boolean value) {
      return putLiteral(key, Boolean.toString(value));
    }

    private Table putLiteral(String key, String literal) {
      requireBareKey(key);
      if (values.putIfAbsent(key, literal) != null) {
        throw new IllegalArgumentException("duplicate key " + key + " in [" + name + "]");
      }
      return this;
    }
  }

  private static void requireBareKey(String key) {
    if (key.isEmpty() || !key.chars().allMatch(c -> c == '_' || c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
      throw new IllegalArgumentException("not a bare TOML key: " + key);
    }
  }

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
