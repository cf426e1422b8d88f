package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.StorageSpec;
import cloud.hyperbyte.model.v1alpha1.VolumeClaimTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

/**
 * Regression: a change the API server refuses to store (a StatefulSet's volume claim templates are
 * immutable) used to fail every reconcile before the status was written — retried with backoff
 * forever while the status still said Ready for the old generation. Now the status says the change
 * was refused and why, the cluster keeps running untouched, and reverting the spec recovers.
 */
class StorageClassChangeE2eTest extends OperatorE2eTest {

  private static HyperbytedbCluster withStorageClass(HyperbytedbCluster cluster, String storageClass) {
    if (cluster.getSpec().getStorage() == null) {
      cluster.getSpec().setStorage(new StorageSpec());
    }
    if (cluster.getSpec().getStorage().getVolumeClaimTemplate() == null) {
      cluster.getSpec().getStorage().setVolumeClaimTemplate(new VolumeClaimTemplateSpec());
    }
    cluster.getSpec().getStorage().getVolumeClaimTemplate().setStorageClassName(storageClass);
    return cluster;
  }

  @Test
  void aStorageClassChangeTheServerRefusesIsReportedAndTouchesNothingUntilReverted() {
    create(Manifests.cluster("hdb", 1));
    awaitRunning("hdb", 1);

    edit("hdb", c -> withStorageClass(c, "fast"));

    eventually().untilAsserted(() -> {
      HyperbytedbCluster cluster = cluster("hdb");
      assertThat(cluster.getStatus().getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
      assertThat(condition("hdb", "Ready")).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("ChangeRefused");
        assertThat(c.getMessage()).contains("StatefulSet e2e/hdb",
            "updates to statefulset spec for fields other than 'replicas'");
      });
    });
    assertThat(events.withReason("hdb", "ChangeRefused")).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("Warning"));
    StatefulSet live = user.apps().statefulSets().inNamespace(NS).withName("hdb").get();
    assertThat(live.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isNull();
    assertThat(history.incarnations("hdb-0")).as("the member was not restarted").isEqualTo(1);

    edit("hdb", c -> withStorageClass(c, null));
    awaitRunning("hdb", 1);
    assertThat(condition("hdb", "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }
}
