package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.LoggingSpec;
import cloud.hyperbyte.operator.campaign.Action.Backup;
import cloud.hyperbyte.operator.campaign.Action.ConfigChange;
import cloud.hyperbyte.operator.campaign.Action.Delete;
import cloud.hyperbyte.operator.campaign.Action.Pause;
import cloud.hyperbyte.operator.campaign.Action.Restore;
import cloud.hyperbyte.operator.campaign.Action.Resume;
import cloud.hyperbyte.operator.campaign.Action.Scale;
import cloud.hyperbyte.operator.campaign.Action.Upgrade;
import cloud.hyperbyte.operator.e2e.Manifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The user's side of a run: creates the cluster and edits its spec as {@code kubectl edit} would (a
 * fresh read, then an update, again on a conflict), through the observer client, which the API
 * never faults. {@link UserIntent} changes once the API stored the edit.
 */
final class UserActions {

  private final KubernetesClient user;
  private final UserIntent intent;
  private final Storage storage;
  private final Trace trace;

  UserActions(KubernetesClient user, UserIntent intent, Storage storage, Trace trace) {
    this.user = user;
    this.intent = intent;
    this.storage = storage;
    this.trace = trace;
  }

  /** Creates the campaign's cluster; new members are seeded, the default. */
  void create(Schedule schedule) {
    String retention = schedule.deleteClaimsOnScaleDown()
        ? "persistentVolumeClaimRetention: {whenScaled: Delete, whenDeleted: Retain}\n" : "";
    user.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: %d
          version: "0.8.5"
          cluster: {drainWaitSecs: 2}
          failover: {failoverTimeoutSecs: 60}
          %s""".formatted(CLUSTER, NAMESPACE, schedule.replicas(), retention), HyperbytedbCluster.class)).create();
  }

  void perform(Action.UserOperation operation) {
    if (operation instanceof Scale s) {
      edit(c -> c.getSpec().setReplicas(s.replicas()));
      intent.replicas(s.replicas());
    } else if (operation instanceof Upgrade u) {
      edit(c -> c.getSpec().setVersion(u.version()));
    } else if (operation instanceof ConfigChange c) {
      edit(cluster -> {
        LoggingSpec logging = cluster.getSpec().getLogging() == null ? new LoggingSpec() : cluster.getSpec().getLogging();
        logging.setLevel(LogLevel.valueOf(c.logLevel().toUpperCase(Locale.ROOT)));
        cluster.getSpec().setLogging(logging);
      });
    } else if (operation instanceof Pause) {
      edit(c -> c.getSpec().setPaused(true));
    } else if (operation instanceof Resume) {
      edit(c -> c.getSpec().setPaused(false));
    } else if (operation instanceof Backup b) {
      backup(b.name());
    } else if (operation instanceof Restore r) {
      intent.restoring(true);
      user.resource(Serialization.unmarshal("""
          apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
          kind: HyperbytedbRestore
          metadata: {name: %s, namespace: %s}
          spec: {clusterName: %s, backupName: %s}
          """.formatted(r.name(), NAMESPACE, CLUSTER, r.backup()), HyperbytedbRestore.class)).create();
    } else if (operation instanceof Delete) {
      intent.delete();
      HyperbytedbCluster deleted = user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get();
      trace.log("deleting cluster uid " + (deleted == null ? "-" : deleted.getMetadata().getUid()));
      user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).delete();
    }
  }

  private void backup(String name) {
    user.resource(Manifests.backup(name, NAMESPACE, CLUSTER, Storage.BUCKET, storage.endpoint(), Storage.SECRET))
        .create();
  }

  private void edit(Consumer<HyperbytedbCluster> change) {
    for (int attempt = 1; ; attempt++) {
      HyperbytedbCluster current = user.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get();
      current.setStatus(null);
      change.accept(current);
      try {
        user.resource(current).update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
