package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every write, whatever verb produced it, passes the admission steps with the object it would store. */
class AdmissionChainTest {

  @Test
  void aRefusalIsA422WithTheFieldPathAndEveryVerbIsAdmitted() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
      kube.addAdmissionStep(request -> {
        if (!request.resource().equals("configmaps")) {
          return AdmissionResult.Admitted.class.cast(new AdmissionResult.Admitted(request.object(), List.of()));
        }
        seen.add(request.operation() + " " + request.object().path("data").path("k").asText());
        if (request.object().path("data").path("k").asText().equals("bad")) {
          return new AdmissionResult.Refused(422, "Invalid", List.of(FieldError.invalid("data.k", "\"bad\": not allowed")), null);
        }
        return new AdmissionResult.Admitted(request.object(), List.of());
      });
      var configMaps = kube.client().configMaps().inNamespace(NS);
      configMaps.resource(Fixtures.configMap("c", Map.of("k", "a"))).create();
      configMaps.withName("c").edit(c -> { c.getData().put("k", "b"); return c; });
      configMaps.withName("c").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"c\"}}");
      configMaps.resource(Fixtures.configMap("c", Map.of("k", "d"))).fieldManager("t").forceConflicts().serverSideApply();

      assertThatThrownBy(() -> configMaps.withName("c").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"bad\"}}"))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getStatus().getMessage()).isEqualTo("ConfigMap \"c\" is invalid: data.k: Invalid value: \"bad\": not allowed");
            assertThat(e.getStatus().getDetails().getCauses()).singleElement()
                .satisfies(c -> assertThat(c.getField()).isEqualTo("data.k"));
          });
      ConfigMap kept = configMaps.withName("c").get();
      assertThat(kept.getData()).containsEntry("k", "d");
      assertThat(seen).containsExactly("CREATE a", "UPDATE b", "UPDATE c", "UPDATE d", "UPDATE bad");
    }
  }
}
