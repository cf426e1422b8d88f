package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.metadata;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rendered chart grants the operator's ServiceAccount: every rule of every Role and
 * ClusterRole bound to it, expanded to single (where, group, resource, verb) grants.
 */
final class GrantedPermissions {

  /** {@code where} is {@link #CLUSTER} for ClusterRoleBindings, else the RoleBinding's namespace. */
  record Grant(String where, String apiGroup, String resource, String verb) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return where + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + " " + verb;
    }
  }

  static final String CLUSTER = "<cluster>";

  private GrantedPermissions() {
  }

  static Set<Grant> of(RenderedChart chart, String serviceAccount, String serviceAccountNamespace) {
    Set<Grant> grants = new TreeSet<>();
    for (Map<String, Object> binding : chart.ofKind("ClusterRoleBinding")) {
      if (bindsServiceAccount(binding, serviceAccount, serviceAccountNamespace)) {
        grants.addAll(expand(CLUSTER, chart.one("ClusterRole", roleName(binding))));
      }
    }
    for (Map<String, Object> binding : chart.ofKind("RoleBinding")) {
      if (bindsServiceAccount(binding, serviceAccount, serviceAccountNamespace)) {
        String namespace = (String) metadata(binding).get("namespace");
        String roleKind = (String) roleRef(binding).get("kind");
        Map<String, Object> role = "Role".equals(roleKind)
            ? roleIn(chart, roleName(binding), namespace)
            : chart.one("ClusterRole", roleName(binding));
        grants.addAll(expand(namespace, role));
      }
    }
    return grants;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Map<String, Object> role) {
    return (List<Map<String, Object>>) role.getOrDefault("rules", List.of());
  }

  @SuppressWarnings("unchecked")
  private static Set<Grant> expand(String where, Map<String, Object> role) {
    Set<Grant> grants = new TreeSet<>();
    for (Map<String, Object> rule : rules(role)) {
      for (String group : (List<String>) rule.get("apiGroups")) {
        for (String resource : (List<String>) rule.get("resources")) {
          for (String verb : (List<String>) rule.get("verbs")) {
            grants.add(new Grant(where, group, resource, verb));
          }
        }
      }
    }
    return grants;
  }

  private static Map<String, Object> roleIn(RenderedChart chart, String name, String namespace) {
    return chart.ofKind("Role").stream()
        .filter(r -> name.equals(metadata(r).get("name")) && namespace.equals(metadata(r).get("namespace")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("RoleBinding refers to missing Role " + namespace + "/" + name));
  }

  @SuppressWarnings("unchecked")
  private static boolean bindsServiceAccount(Map<String, Object> binding, String name, String namespace) {
    List<Map<String, Object>> subjects = (List<Map<String, Object>>) binding.getOrDefault("subjects", List.of());
    return subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.get("kind"))
        && name.equals(s.get("name")) && namespace.equals(s.get("namespace")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> roleRef(Map<String, Object> binding) {
    return (Map<String, Object>) binding.get("roleRef");
  }

  private static String roleName(Map<String, Object> binding) {
    return (String) roleRef(binding).get("name");
  }
}
