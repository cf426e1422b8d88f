package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A delete with a uid or resourceVersion precondition removes only the object it names, as on a real server. */
class DeletePreconditionsTest {

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();

  @AfterEach
  void stop() {
    kube.close();
  }

  private String delete(String name, DeleteOptionsBuilder options) {
    String url = kube.client().getMasterUrl() + "api/v1/namespaces/" + NS + "/configmaps/" + name;
    return kube.client().raw(url, "DELETE", Serialization.asJson(options.build()));
  }

  @Test
  void aUidThatIsNotTheStoredObjectsIsAConflictAndDeletesNothing() {
    ConfigMap first = kube.client().configMaps().resource(Fixtures.configMap("c", Map.of())).create();
    kube.client().configMaps().withName("c").delete();
    ConfigMap second = kube.client().configMaps().resource(Fixtures.configMap("c", Map.of())).create();

    assertThatThrownBy(() -> delete("c", new DeleteOptionsBuilder().withNewPreconditions()
        .withUid(first.getMetadata().getUid()).endPreconditions()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"c\": "
              + "Precondition failed: UID in precondition: " + first.getMetadata().getUid() + ", UID in object meta: "
              + second.getMetadata().getUid());
        });
    assertThat(kube.client().configMaps().withName("c").get().getMetadata().getUid())
        .isEqualTo(second.getMetadata().getUid());

    delete("c", new DeleteOptionsBuilder().withNewPreconditions().withUid(second.getMetadata().getUid()).endPreconditions());
    assertThat(kube.client().configMaps().withName("c").get()).isNull();
  }

  @Test
  void aStaleResourceVersionIsAConflict() {
    ConfigMap created = kube.client().configMaps().resource(Fixtures.configMap("c", Map.of("k", "1"))).create();
    kube.client().configMaps().withName("c").edit(c -> {
      c.getData().put("k", "2");
      return c;
    });

    assertThatThrownBy(() -> delete("c", new DeleteOptionsBuilder().withNewPreconditions()
        .withResourceVersion(created.getMetadata().getResourceVersion()).endPreconditions()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(kube.client().configMaps().withName("c").get()).isNotNull();
  }
}
