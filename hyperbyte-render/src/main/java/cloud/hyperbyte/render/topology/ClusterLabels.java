package cloud.hyperbyte.render.topology;

import cloud.hyperbyte.model.spec.ClusterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels of rendered objects. The selector labels are those of the Go operator, so its pods keep
 * matching after a migration; they never change over a cluster's life (StatefulSet selectors are
 * immutable). Every returned map is ordered and unmodifiable.
 */
public final class ClusterLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String VERSION = "app.kubernetes.io/version";

  /** Distinguishes the headless from the client Service, so a ServiceMonitor selects one. */
  public static final String SERVICE_ROLE = "hyperbytedb.hyperbyte.cloud/service";

  public static final String DATABASE_APP = "hyperbytedb";
  /** Proxy pods use another name so the database Services never select them. */
  public static final String PROXY_APP = "hyperbytedb-proxy";
  public static final String MANAGER = "hyperbytedb-operator";

  public static final String DATABASE_COMPONENT = "database";
  public static final String PROXY_COMPONENT = "proxy";
  public static final String HEADLESS_ROLE = "headless";
  public static final String CLIENT_ROLE = "client";

  private ClusterLabels() {}

  /** The labels database pods are selected by: name, instance, managed-by. */
  public static Map<String, String> selector(String clusterName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, DATABASE_APP);
    labels.put(INSTANCE, clusterName);
    labels.put(MANAGED_BY, MANAGER);
    return Collections.unmodifiableMap(labels);
  }

  /** {@link #selector(String)} of the spec's cluster. */
  public static Map<String, String> selector(ClusterSpec spec) {
    return selector(spec.name());
  }

  /** The labels proxy pods are selected by. */
  public static Map<String, String> proxySelector(String clusterName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, PROXY_APP);
    labels.put(INSTANCE, clusterName);
    labels.put(MANAGED_BY, MANAGER);
    labels.put(COMPONENT, PROXY_COMPONENT);
    return Collections.unmodifiableMap(labels);
  }

  /** Metadata labels of database objects: selector labels plus component and part-of. */
  public static Map<String, String> common(ClusterSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(selector(spec));
    labels.put(COMPONENT, DATABASE_COMPONENT);
    labels.put(PART_OF, DATABASE_APP);
    return Collections.unmodifiableMap(labels);
  }

  /** Metadata labels of proxy objects. */
  public static Map<String, String> proxy(ClusterSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(proxySelector(spec.name()));
    labels.put(PART_OF, DATABASE_APP);
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Labels of database pods: the user's pod labels, then the common labels and the version (the
   * operator's own labels win; the model already rejects user labels that collide with them).
   */
  public static Map<String, String> pod(ClusterSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(spec.podLabels());
    labels.putAll(common(spec));
    labels.put(VERSION, spec.version());
    return Collections.unmodifiableMap(labels);
  }

  /** {@code labels} plus one more entry, in order. */
  public static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> result = new LinkedHashMap<>(labels);
    result.put(key, value);
    return Collections.unmodifiableMap(result);
  }
}
