package cloud.hyperbyte.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The DNS names a node certificate carries: everything a client may use to reach that node over
 * HTTPS, and nothing else.
 */
public final class NodeDnsNames {

  /** In-pod probes and {@code exec} clients connect to {@code https://localhost}. */
  public static final String LOCALHOST = "localhost";

  private NodeDnsNames() {}

  /**
   * In order: the pod FQDN {@code <name>-<i>.<name>-headless.<ns>.svc.<domain>}; then the client
   * Service {@code <name>} and, when a proxy runs, {@code <name>-proxy}, each as {@code <svc>},
   * {@code <svc>.<ns>}, {@code <svc>.<ns>.svc} and {@code <svc>.<ns>.svc.<domain>}; then {@code
   * localhost}.
   */
  public static List<String> forNode(
      String clusterName, String namespace, String clusterDomain, int ordinal, boolean proxy) {
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative, got " + ordinal);
    }
    List<String> names = new ArrayList<>();
    names.add(
        clusterName + "-" + ordinal + "." + clusterName + "-headless." + namespace + ".svc."
            + clusterDomain);
    addServiceForms(names, clusterName, namespace, clusterDomain);
    if (proxy) {
      addServiceForms(names, clusterName + "-proxy", namespace, clusterDomain);
    }
    names.add(LOCALHOST);
    return List.copyOf(names);
  }

  private static void addServiceForms(
      List<String> names, String service, String namespace, String clusterDomain) {
    names.add(service);
    names.add(service + "." + namespace);
    names.add(service + "." + namespace + ".svc");
    names.add(service + "." + namespace + ".svc." + clusterDomain);
  }
}
