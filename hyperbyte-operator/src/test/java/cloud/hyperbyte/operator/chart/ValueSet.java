package cloud.hyperbyte.operator.chart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The value sets every chart test renders: the defaults and the configurations users pick most. */
enum ValueSet {
  DEFAULTS(Map.of()),
  NAMESPACED(ordered("rbac.namespaced", true, "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")),
  METRICS_OFF(ordered("metrics.enabled", false)),
  CRDS_OFF(ordered("crd.enable", false)),
  TWO_REPLICAS(ordered("replicas", 2, "leaderElection.enabled", false)),
  FEATURES_OFF(ordered("features.backupRestore", false, "features.tls", false, "features.pvcCleanup", false)),
  EVERYTHING_ON(ordered("metrics.serviceMonitor.enabled", true, "rbacHelpers.enable", true, "createNamespace", true,
      "crd.keep", false, "watchNamespaces[0]", "team-a", "priorityClassName", "system-cluster-critical",
      "extraEnv[0].name", "HYPERBYTE_EXTRA", "extraEnv[0].value", "x"));

  /** The watched namespaces of {@link #NAMESPACED}. */
  static final List<String> TEAM_NAMESPACES = List.of("team-a", "team-b");

  private final Map<String, Object> values;

  ValueSet(Map<String, Object> values) {
    this.values = values;
  }

  /** Values as {@code --set key=value} pairs, in a stable order. */
  Map<String, Object> settings() {
    return values;
  }

  RenderedChart render() {
    return HelmChart.render(settings());
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
