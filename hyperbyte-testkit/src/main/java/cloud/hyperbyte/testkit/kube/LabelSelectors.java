package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A {@code LabelSelector} in its string form ({@code metav1.FormatLabelSelector}), as a Scale's
 * {@code status.selector} shows it.
 */
final class LabelSelectors {

  private LabelSelectors() {}

  static String format(JsonNode selector) {
    List<String> requirements = new ArrayList<>();
    for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
      requirements.add(label.getKey() + "=" + label.getValue().asText());
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      String joined = String.join(",", values.stream().sorted().toList());
      switch (expression.path("operator").asText()) {
        case "In" -> requirements.add(key + " in (" + joined + ")");
        case "NotIn" -> requirements.add(key + " notin (" + joined + ")");
        case "Exists" -> requirements.add(key);
        case "DoesNotExist" -> requirements.add("!" + key);
        default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
      }
    }
    return String.join(",", requirements.stream().sorted().toList());
  }
}
