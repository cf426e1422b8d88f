package cloud.hyperbyte.render.monitoring;

import cloud.hyperbyte.model.v1alpha1.RelabelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Relabeling rules as the ServiceMonitor schema spells them (only the fields that are set). */
final class Relabelings {

  private Relabelings() {}

  static List<Map<String, Object>> toMaps(List<RelabelConfig> rules) {
    return rules.stream().map(Relabelings::toMap).toList();
  }

  private static Map<String, Object> toMap(RelabelConfig rule) {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfSet(map, "sourceLabels", rule.getSourceLabels() == null ? null : List.copyOf(rule.getSourceLabels()));
    putIfSet(map, "separator", rule.getSeparator());
    putIfSet(map, "targetLabel", rule.getTargetLabel());
    putIfSet(map, "regex", rule.getRegex());
    putIfSet(map, "modulus", rule.getModulus());
    putIfSet(map, "replacement", rule.getReplacement());
    putIfSet(map, "action", rule.getAction());
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
