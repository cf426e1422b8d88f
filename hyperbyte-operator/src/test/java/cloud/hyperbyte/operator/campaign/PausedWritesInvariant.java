package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Nothing written while paused except certificate Secrets", checked at every API write of every
 * operator instance: from the moment the operator acknowledged the pause (status: {@code Paused}
 * True for the paused generation) until the user resumes, a write may only be a Secret, the
 * cluster's own status (recording a newer generation), an Event, or a backup's or restore's own
 * resource. The acknowledgement is the
 * start because a pass that began before the pause may still finish its writes.
 */
final class PausedWritesInvariant implements AutoCloseable {

  static final String NAME = "nothing-written-while-paused";
  /**
   * A backup's attempts run in pods named after the backup ({@code <backup>-<time>-<attempt>}; the
   * campaign's backups are {@code backup-N}): the backup's own objects, which it may create and delete
   * to finish (creates are named by the body's {@code metadata.name}, see {@link OperatorInstance}).
   */
  private static final String BACKUP_PODS = "/pods/backup-";
  /**
   * Writes a pause does not stop: certificate Secrets, the cluster's own status, Events, and the
   * user's backup and restore resources' own objects (a backup requested before the pause may
   * finish; what a restore would do to the cluster — the hold, restore pods — is still caught).
   */
  private static final List<String> ALLOWED = List.of("/secrets", "/hyperbytedbclusters/" + UserIntent.CLUSTER + "/status",
      "/events", "/hyperbytedbbackups/", "/hyperbytedbrestores/", BACKUP_PODS);

  private final SharedIndexInformer<HyperbytedbCluster> clusters;
  private volatile boolean pauseAcknowledged;

  PausedWritesInvariant(KubernetesClient observer, OperatorActivity activity, Trace trace) {
    clusters = observer.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(HyperbytedbCluster cluster) {
        boolean paused = Boolean.TRUE.equals(cluster.getSpec().getPaused());
        boolean acknowledged = paused && cluster.getStatus() != null
            && Objects.equals(cluster.getStatus().getObservedGeneration(), cluster.getMetadata().getGeneration())
            && Optional.ofNullable(cluster.getStatus().getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "Paused".equals(c.getType()) && "True".equals(c.getStatus()));
        if (acknowledged != pauseAcknowledged && (acknowledged || !paused)) {
          trace.log(acknowledged ? "pause acknowledged" : "resumed");
          pauseAcknowledged = acknowledged;
        }
      }

      @Override
      public void onUpdate(HyperbytedbCluster old, HyperbytedbCluster cluster) {
        onAdd(cluster);
      }

      @Override
      public void onDelete(HyperbytedbCluster cluster, boolean finalStateUnknown) {
        pauseAcknowledged = false;
      }
    });
    activity.onAct(act -> {
      if (!act.apiWrite()) {
        return;
      }
      trace.checked(NAME);
      if (pauseAcknowledged && ALLOWED.stream().noneMatch(allowed -> act.path().contains(allowed))) {
        trace.violated(NAME, act + " while the cluster is paused");
      }
    });
  }

  @Override
  public void close() {
    clusters.close();
  }
}
