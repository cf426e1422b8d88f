package cloud.hyperbyte.operator.kube;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The namespaces the operator watches: every namespace (empty set), or a fixed list. */
public record WatchedNamespaces(Set<String> namespaces) {

  public WatchedNamespaces {
    namespaces = Collections.unmodifiableSet(new LinkedHashSet<>(namespaces));
  }

  /** Every namespace (cluster-wide RBAC). */
  public static WatchedNamespaces all() {
    return new WatchedNamespaces(Set.of());
  }

  /** A comma-separated list as the chart passes it; blank means all namespaces. */
  public static WatchedNamespaces parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return all();
    }
    return new WatchedNamespaces(Arrays.stream(commaSeparated.split(","))
        .map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  public boolean isAll() {
    return namespaces.isEmpty();
  }

  @Override
  public String toString() {
    return isAll() ? "all namespaces" : String.join(",", namespaces);
  }
}
