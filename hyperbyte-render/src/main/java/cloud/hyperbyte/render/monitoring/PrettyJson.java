package cloud.hyperbyte.render.monitoring;

import java.util.List;
import java.util.Map;

/**
 * Plain maps, lists, strings, integers and booleans as the JSON Jackson writes with {@code
 * INDENT_OUTPUT} and a {@code DefaultPrettyPrinter} indenting objects and arrays by two spaces with
 * {@code \n}: {@code "name" : value}, one entry per line, {@code { }} and {@code [ ]} when empty, the
 * escapes Jackson writes. Written by hand because building a Jackson mapper cost a command-line render
 * more than all of its dashboard ({@code PrettyJsonTest} holds it to Jackson's bytes).
 */
final class PrettyJson {

  private static final String INDENT = "  ";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out = new StringBuilder();

  private PrettyJson() {}

  /** {@code value} as pretty JSON, without a final line end. */
  static String write(Object value) {
    PrettyJson json = new PrettyJson();
    json.value(value, 0);
    return json.out.toString();
  }

  private void value(Object value, int level) {
    if (value instanceof Map<?, ?> map) {
      object(map, level);
    } else if (value instanceof List<?> list) {
      array(list, level);
    } else if (value instanceof String text) {
      string(text);
    } else if (value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }
  }

  private void object(Map<?, ?> map, int level) {
    if (map.isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append('{');
    String separator = "";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator);
      newLine(level + 1);
      string(String.valueOf(entry.getKey()));
      out.append(" : ");
      value(entry.getValue(), level + 1);
      separator = ",";
    }
    newLine(level);
    out.append('}');
  }

  private void array(List<?> list, int level) {
    if (list.isEmpty()) {
      out.append("[ ]");
      return;
    }
    out.append('[');
    String separator = "";
    for (Object item : list) {
      out.append(separator);
      newLine(level + 1);
      value(item, level + 1);
      separator = ",";
    }
    newLine(level);
    out.append(']');
  }

  private void newLine(int level) {
    out.append('\n');
    for (int i = 0; i < level; i++) {
      out.append(INDENT);
    }
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
