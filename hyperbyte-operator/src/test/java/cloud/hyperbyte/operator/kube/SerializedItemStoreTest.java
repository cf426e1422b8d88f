package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializedItemStoreTest {

  private final SerializedItemStore<StatefulSet> store =
      new SerializedItemStore<>(StatefulSet.class, new KubernetesSerialization());

  @Test
  void anObjectReadBackEqualsTheOneKeptIncludingFieldsTheModelDoesNotKnow() {
    StatefulSet kept = statefulSet("db", "1");
    kept.getSpec().setAdditionalProperty("futureField", Map.of("on", true));

    store.put("ns/db", kept);

    assertThat(store.get("ns/db")).isEqualTo(kept).isNotSameAs(kept);
    assertThat(store.get("ns/db").getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("10Gi"));
  }

  @Test
  void changingAnObjectReadFromTheStoreDoesNotChangeTheStore() {
    store.put("ns/db", statefulSet("db", "1"));

    store.get("ns/db").getSpec().setReplicas(5);

    assertThat(store.get("ns/db").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void putAndRemoveReturnThePreviousObjectAsInformersExpect() {
    assertThat(store.put("ns/db", statefulSet("db", "1"))).isNull();

    assertThat(store.put("ns/db", statefulSet("db", "2")).getMetadata().getResourceVersion()).isEqualTo("1");
    assertThat(store.remove("ns/db").getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.remove("ns/db")).isNull();
    assertThat(store.get("ns/db")).isNull();
  }

  @Test
  void keysValuesAndSizeDescribeWhatIsKept() {
    store.put(store.getKey(statefulSet("a", "1")), statefulSet("a", "1"));
    store.put(store.getKey(statefulSet("b", "1")), statefulSet("b", "1"));

    assertThat(store.keySet()).containsExactlyInAnyOrder("ns/a", "ns/b");
    assertThat(store.values()).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("a", "b");
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aGenericKindIsKeptWithAllItsFields() {
    SerializedItemStore<GenericKubernetesResource> generic =
        new SerializedItemStore<>(GenericKubernetesResource.class, new KubernetesSerialization());
    GenericKubernetesResource monitor = new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1").withKind("ServiceMonitor")
        .withNewMetadata().withNamespace("ns").withName("db").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("endpoints", java.util.List.of(Map.of("port", "http")))))
        .build();

    generic.put("ns/db", monitor);

    assertThat(generic.get("ns/db")).isEqualTo(monitor);
  }

  private static StatefulSet statefulSet(String name, String resourceVersion) {
    return new StatefulSetBuilder()
        .withNewMetadata().withNamespace("ns").withName(name).withResourceVersion(resourceVersion)
        .addToLabels("app.kubernetes.io/managed-by", "hyperbytedb-operator").endMetadata()
        .withNewSpec().withReplicas(3)
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
        .withNewSpec().withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }
}
