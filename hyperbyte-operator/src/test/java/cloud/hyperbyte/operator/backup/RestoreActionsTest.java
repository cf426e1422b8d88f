package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.restore.RestoreAction;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hold and its release are written against the cluster as the API server has it at the time of
 * the write. Campaign seed 3073: the restore decided to release the hold on a view from before the
 * user paused the cluster, and the release was written to the paused cluster.
 */
class RestoreActionsTest {

  private static final String NAMESPACE = "prod";

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();
  private final RestoreActions actions = new RestoreActions(client);

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void aClusterPausedAfterTheDecisionIsNeitherHeldNorReleased() {
    createCluster(Map.of(), false);
    pause();
    actions.execute(NAMESPACE, new RestoreAction.HoldCluster("db", "restore-1"));
    assertThat(annotations()).doesNotContainKey(OperatorPaths.RESTORE_HOLD_ANNOTATION);

    resume();
    actions.execute(NAMESPACE, new RestoreAction.HoldCluster("db", "restore-1"));
    assertThat(annotations()).containsEntry(OperatorPaths.RESTORE_HOLD_ANNOTATION, "restore-1");

    pause();
    String versionWhilePaused = cluster().getMetadata().getResourceVersion();
    actions.execute(NAMESPACE, new RestoreAction.ReleaseCluster("db", "restore-1"));
    assertThat(annotations()).containsEntry(OperatorPaths.RESTORE_HOLD_ANNOTATION, "restore-1");
    assertThat(cluster().getMetadata().getResourceVersion()).as("resourceVersion").isEqualTo(versionWhilePaused);

    resume();
    actions.execute(NAMESPACE, new RestoreAction.ReleaseCluster("db", "restore-1"));
    assertThat(annotations()).doesNotContainKey(OperatorPaths.RESTORE_HOLD_ANNOTATION);
  }

  @Test
  void aHoldTakenByAnotherRestoreIsNotReleased() {
    createCluster(Map.of(OperatorPaths.RESTORE_HOLD_ANNOTATION, "restore-2"), false);

    actions.execute(NAMESPACE, new RestoreAction.ReleaseCluster("db", "restore-1"));

    assertThat(annotations()).containsEntry(OperatorPaths.RESTORE_HOLD_ANNOTATION, "restore-2");
  }

  private void createCluster(Map<String, String> annotations, boolean paused) {
    HyperbytedbCluster cluster = Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: db, namespace: %s}
        spec: {replicas: 3, version: "0.8.5", paused: %s}
        """.formatted(NAMESPACE, paused), HyperbytedbCluster.class);
    cluster.getMetadata().setAnnotations(annotations);
    client.resource(cluster).create();
  }

  private void pause() {
    client.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName("db").edit(c -> {
      c.getSpec().setPaused(true);
      return c;
    });
  }

  private void resume() {
    client.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName("db").edit(c -> {
      c.getSpec().setPaused(false);
      return c;
    });
  }

  private HyperbytedbCluster cluster() {
    return client.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName("db").get();
  }

  private Map<String, String> annotations() {
    Map<String, String> annotations = cluster().getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
