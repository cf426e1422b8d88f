package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.Patience;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated Deployment controller keeps ready pods of the current template. */
class DeploymentSimulatorTest {

  @Test
  void runsReadyPodsOfTheCurrentTemplateAndReportsStatus() {
    try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
      kube.simulateDeployments();
      var client = kube.client();
      client.resource(proxy("proxy:1")).create();
      await().atMost(Patience.LIMIT).until(() -> readyPods(kube).size() == 2);
      Deployment live = client.apps().deployments().inNamespace(NS).withName("proxy").get();
      await().atMost(Patience.LIMIT).until(() -> client.apps().deployments().inNamespace(NS)
          .withName("proxy").get().getStatus() != null);
      assertThat(client.apps().deployments().inNamespace(NS).withName("proxy").get().getStatus().getReadyReplicas())
          .isEqualTo(2);

      // a user's read-modify-write, retried on 409 as kubectl does (the simulator writes status concurrently)
      await().ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class).until(() -> {
        client.apps().deployments().inNamespace(NS).withName("proxy").edit(d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("proxy:2");
          return d;
        });
        return true;
      });

      await().atMost(Patience.LIMIT).until(() -> readyPods(kube).size() == 2
          && readyPods(kube).stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("proxy:2")));
      assertThat(live.getMetadata().getGeneration()).isEqualTo(1L);
      await().atMost(Patience.LIMIT).until(() -> Long.valueOf(2).equals(client.apps().deployments()
          .inNamespace(NS).withName("proxy").get().getStatus().getObservedGeneration()));
    }
  }

  private static List<Pod> readyPods(SimulatedKubernetes kube) {
    return kube.client().pods().inNamespace(NS).withLabel("app", "proxy").list().getItems().stream()
        .filter(SimulatedPods::isReady).toList();
  }

  private static Deployment proxy(String image) {
    return new DeploymentBuilder().withNewMetadata().withName("proxy").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "proxy").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "proxy").endMetadata()
            .withNewSpec().addNewContainer().withName("proxy").withImage(image).endContainer().endSpec()
          .endTemplate().endSpec().build();
  }
}
