package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class MemberPodsTest {

  @Test
  void aMemberPodKeepsItsMetadataStatusNodeAndContainerImagesOnly() {
    Pod pod = pod("StatefulSet");

    MemberPods.slim(pod);

    assertThat(pod.getMetadata().getAnnotations()).containsEntry("hyperbytedb.hyperbyte.cloud/config-hash", "abc");
    assertThat(pod.getStatus().getPodIP()).isEqualTo("10.0.0.7");
    assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1");
    assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("hyperbytedb");
      assertThat(c.getImage()).isEqualTo("hyperbytedb:0.8.5");
      assertThat(c.getEnv()).isEmpty();
      assertThat(c.getReadinessProbe()).isNull();
    });
    assertThat(pod.getSpec().getInitContainers()).extracting(c -> c.getName()).containsExactly("init-node-id");
    assertThat(pod.getSpec().getVolumes()).isEmpty();
    assertThat(pod.getSpec().getAffinity()).isNull();
  }

  @Test
  void aPodTheOperatorMadeIsKeptWhole() {
    Pod pod = pod("HyperbytedbBackup");

    MemberPods.slim(pod);

    assertThat(pod.getSpec().getVolumes()).hasSize(1);
    assertThat(pod.getSpec().getAffinity()).isNotNull();
    assertThat(pod.getSpec().getContainers().get(0).getEnv()).hasSize(1);
  }

  private static Pod pod(String ownerKind) {
    return new PodBuilder()
        .withNewMetadata().withName("db-0").withNamespace("ns").withUid("u1")
        .addToAnnotations("hyperbytedb.hyperbyte.cloud/config-hash", "abc")
        .addNewOwnerReference().withKind(ownerKind).withName("db").withUid("o1").withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().withNodeName("node-1")
        .addNewContainer().withName("hyperbytedb").withImage("hyperbytedb:0.8.5")
        .addNewEnv().withName("NODE_ID").withValue("1").endEnv()
        .withNewReadinessProbe().withNewHttpGet().withPath("/health").endHttpGet().endReadinessProbe()
        .endContainer()
        .addNewInitContainer().withName("init-node-id").withImage("busybox").endInitContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-db-0")
        .endPersistentVolumeClaim().endVolume()
        .withNewAffinity().withNewNodeAffinity().endNodeAffinity().endAffinity()
        .endSpec()
        .withNewStatus().withPodIP("10.0.0.7").withPhase("Running").endStatus()
        .build();
  }
}
