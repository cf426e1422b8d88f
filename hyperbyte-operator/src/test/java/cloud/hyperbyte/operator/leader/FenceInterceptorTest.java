package cloud.hyperbyte.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.testkit.kube.ApiVerb;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every API write of a fenced client passes the fence; reads and the Lease itself do not need to. */
class FenceInterceptorTest {

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final LeadershipFence fence = new LeadershipFence(Clock.systemUTC());
  private final KubernetesClient client = kube.newClient(FenceInterceptor.installing(fence));

  @AfterEach
  void stop() {
    client.close();
    kube.close();
  }

  private void createConfigMap(String name) {
    client.configMaps().inNamespace("test").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace("test").endMetadata().addToData("k", "v").build()).create();
  }

  @Test
  void aClosedFenceKeepsAWriteFromReachingTheServer() {
    assertThatThrownBy(() -> createConfigMap("refused")).hasMessageContaining("refused POST");

    assertThat(kube.requests().clientWrites()).isEmpty();
    assertThat(kube.client().configMaps().inNamespace("test").withName("refused").get()).isNull();
    assertThat(fence.refusals()).isEqualTo(1);
  }

  @Test
  void readsAndTheLeaseItselfPassAClosedFence() {
    assertThatCode(() -> client.configMaps().inNamespace("test").list()).doesNotThrowAnyException();
    assertThatCode(() -> client.leases().inNamespace("test").resource(new LeaseBuilder()
        .withNewMetadata().withName("leader").withNamespace("test").endMetadata()
        .withNewSpec().withHolderIdentity("pod-a").endSpec().build()).create()).doesNotThrowAnyException();
  }

  @Test
  void anOpenFenceLetsWritesThrough() {
    fence.renewed(Instant.now(), Duration.ofMinutes(1));

    createConfigMap("allowed");

    assertThat(kube.requests().clientWrites()).singleElement()
        .satisfies(request -> assertThat(request.verb()).isEqualTo(ApiVerb.CREATE));
  }
}
