package cloud.hyperbyte.render.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

/** One Prometheus alerting rule. */
public record AlertRule(String alert, String expr, String forDuration, String severity, String summary, String description) {

  /** The rule as the PrometheusRule schema spells it. */
  public Map<String, Object> toMap() {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", alert);
    rule.put("expr", expr);
    rule.put("for", forDuration);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("severity", severity);
    rule.put("labels", labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    rule.put("annotations", annotations);
    return rule;
  }
}
