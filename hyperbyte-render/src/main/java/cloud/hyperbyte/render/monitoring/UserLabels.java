package cloud.hyperbyte.render.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Labels a user asks for on a monitoring object, under the operator's own. */
final class UserLabels {

  private UserLabels() {}

  /**
   * {@code user} sorted by key (the API server returns maps sorted, so the rendered object does not
   * depend on manifest order), then {@code operator}: the operator's labels win, since it finds and
   * prunes its objects by them.
   */
  static Map<String, String> under(Map<String, String> user, Map<String, String> operator) {
    Map<String, String> labels = new LinkedHashMap<>(new TreeMap<>(user));
    labels.putAll(operator);
    return labels;
  }
}
