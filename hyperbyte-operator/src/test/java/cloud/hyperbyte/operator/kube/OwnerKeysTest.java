package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.queue.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class OwnerKeysTest {

  @Test
  void aCustomResourceIsItsOwnKey() {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName("db").build());
    HyperbytedbBackup backup = new HyperbytedbBackup();
    backup.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName("db").build());

    assertThat(OwnerKeys.of(cluster)).contains(ResourceKey.cluster("prod", "db"));
    assertThat(OwnerKeys.of(backup)).contains(ResourceKey.backup("prod", "db"));
  }

  @Test
  void anObjectOwnedByOneOfOurResourcesMapsToThatResource() {
    var configMap = new ConfigMapBuilder().withNewMetadata().withNamespace("prod").withName("db-config")
        .addNewOwnerReference().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1").withKind("HyperbytedbCluster")
        .withName("db").withUid("u1").endOwnerReference().endMetadata().build();
    var restorePod = new PodBuilder().withNewMetadata().withNamespace("prod").withName("restore-x")
        .addNewOwnerReference().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1").withKind("HyperbytedbRestore")
        .withName("nightly").withUid("u2").endOwnerReference().endMetadata().build();

    assertThat(OwnerKeys.of(configMap)).contains(ResourceKey.cluster("prod", "db"));
    assertThat(OwnerKeys.of(restorePod)).contains(ResourceKey.restore("prod", "nightly"));
  }

  @Test
  void aMemberPodOwnedByTheStatefulSetMapsToTheClusterOfItsInstanceLabel() {
    var pod = new PodBuilder().withNewMetadata().withNamespace("prod").withName("db-2")
        .addToLabels("app.kubernetes.io/instance", "db")
        .addToLabels("app.kubernetes.io/managed-by", "hyperbytedb-operator")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("db").withUid("s")
        .endOwnerReference().endMetadata().build();

    assertThat(OwnerKeys.of(pod)).contains(ResourceKey.cluster("prod", "db"));
  }

  @Test
  void objectsOfOtherManagersMapToNothing() {
    var foreign = new PodBuilder().withNewMetadata().withNamespace("prod").withName("web-1")
        .addToLabels("app.kubernetes.io/instance", "db")
        .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata().build();

    assertThat(OwnerKeys.of(foreign)).isEmpty();
  }
}
