package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two operator replicas on one API: only the Lease holder writes, and closing it hands over at once. */
class LeaderOnlyReconcilesTest {

  private static OperatorSettings settings(String identity) {
    LeaseSettings lease = new LeaseSettings("operators", LeaseSettings.DEFAULT_LEASE_NAME, identity,
        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(100));
    return new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.of(lease), -1, -1, 2,
        Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private static HyperbytedbCluster cluster(String name) {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName(name).build());
    cluster.setSpec(new cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().setVersion("0.8.5");
    return cluster;
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOverWhenItStops() throws Exception {
    try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
      PodAddressResolver nowhere = (member, scheme) -> URI.create(scheme + "://127.0.0.1:1");
      KubernetesClient clientA = kube.newClient(b -> {});
      KubernetesClient clientB = kube.newClient(b -> {});
      OperatorMetrics metricsA = OperatorMetrics.standalone();
      OperatorMetrics metricsB = OperatorMetrics.standalone();
      Operator a = new Operator(clientA, settings("replica-a"), metricsA, nowhere, Clock.systemUTC()).start(Duration.ofSeconds(30));
      await().until(a::isLeader);
      try (Operator b = new Operator(clientB, settings("replica-b"), metricsB, nowhere, Clock.systemUTC())
          .start(Duration.ofSeconds(30))) {
        kube.client().resources(HyperbytedbCluster.class).inNamespace("prod").resource(cluster("first")).create();
        await().until(() -> kube.client().apps().statefulSets().inNamespace("prod").withName("first").get() != null);
        await().until(a::idle);

        assertThat(b.isLeader()).isFalse();
        assertThat(metricsA.apiWriteCount()).isPositive();
        assertThat(metricsB.apiWriteCount()).as("the standby writes nothing").isZero();

        a.close();
        await().until(b::isLeader);
        kube.client().resources(HyperbytedbCluster.class).inNamespace("prod").resource(cluster("second")).create();
        await().until(() -> kube.client().apps().statefulSets().inNamespace("prod").withName("second").get() != null);
        assertThat(metricsB.apiWriteCount()).isPositive();
      } finally {
        a.close();
        clientA.close();
        clientB.close();
      }
    }
  }
}
