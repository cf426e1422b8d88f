package cloud.hyperbyte.operator.cli.status;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a status report needs, read-only: {@code get} of the HyperbytedbCluster, {@code list} of
 * its pods (by the cluster's selector labels), of the namespace's events and of its
 * HyperbytedbBackups. These are the only permissions {@code hyperbyte status} needs.
 */
public final class ClusterReader {

  private final KubernetesClient client;

  public ClusterReader(KubernetesClient client) {
    this.client = client;
  }

  /** The report of cluster {@code name} in {@code namespace}; empty when there is no such cluster. */
  public Optional<ClusterStatusReport> read(String namespace, String name) {
    HyperbytedbCluster cluster = client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(name).get();
    if (cluster == null) {
      return Optional.empty();
    }
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(ClusterLabels.selector(name)).list().getItems();
    List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
    List<HyperbytedbBackup> backups = client.resources(HyperbytedbBackup.class).inNamespace(namespace).list().getItems();
    return Optional.of(StatusReports.of(cluster, pods, events, backups));
  }
}
