package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process's fencing wiring: the fence comes before whatever else the client's network adds. */
class ProcessFencingTest {

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final ProcessFencing fencing = new ProcessFencing();
  private final List<String> network = new CopyOnWriteArrayList<>();
  private final KubernetesClient client = kube.newClient(builder -> fencing.configure(builder, http ->
      http.addOrReplaceInterceptor("network", new Interceptor() {
        @Override
        public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
          network.add(sent.method() + " " + sent.uri().getPath());
        }
      })));

  @AfterEach
  void stop() {
    client.close();
    kube.close();
  }

  @Test
  void aWriteTheFenceRefusesNeverReachesTheInterceptorsAddedAfterIt() {
    assertThatThrownBy(() -> client.configMaps().inNamespace("test").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("refused").withNamespace("test").endMetadata().build()).create())
        .hasMessageContaining("refused POST");
    client.configMaps().inNamespace("test").list();

    assertThat(network).containsExactly("GET /api/v1/namespaces/test/configmaps");
  }

  @Test
  void theOperatorIsFencedByTheClientsFence() {
    Operator operator = fencing.fenced(new Operator(client, null, null, null, null, null), () -> {});

    assertThat(operator.fence()).isSameAs(fencing.fence());
  }
}
