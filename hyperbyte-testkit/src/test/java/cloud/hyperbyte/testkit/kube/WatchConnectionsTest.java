package cloud.hyperbyte.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.Patience;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Cutting the watches of the code under test: they end, their clients watch again, the testkit's own stay open. */
class WatchConnectionsTest {

  @Test
  void aDisconnectedWatchIsOpenedAgainByItsClientWhileTheControllersWatchesStayOpen() {
    try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
      kube.simulateDeployments(); // the testkit's controller watches Deployments and pods
      KubernetesClient client = kube.client();
      List<String> seen = new CopyOnWriteArrayList<>();
      try (Watch watch = client.configMaps().inNamespace("test").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, ConfigMap configMap) {
          seen.add(configMap.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
        }
      })) {
        await().atMost(Patience.LIMIT).until(() -> kube.disconnectWatches() == 1);

        await().atMost(Patience.LIMIT).until(() -> kube.requests().count(
            r -> r.verb() == ApiVerb.WATCH && r.resource().equals("configmaps") && !r.fromControllers()) == 2);
        client.configMaps().inNamespace("test").resource(new ConfigMapBuilder()
            .withNewMetadata().withName("after").endMetadata().build()).create();
        await().atMost(Patience.LIMIT).until(() -> seen.contains("after"));
      }
    }
  }

  @Test
  void withoutClientWatchesNothingIsClosed() {
    try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
      kube.simulateDeployments();
      assertThat(kube.disconnectWatches()).isZero();
    }
  }
}
