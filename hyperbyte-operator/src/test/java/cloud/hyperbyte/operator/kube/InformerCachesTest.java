package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import cloud.hyperbyte.testkit.kube.ApiFault;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InformerCachesTest {

  private static final Map<String, String> MANAGED = Map.of(
      "app.kubernetes.io/managed-by", "hyperbytedb-operator", "app.kubernetes.io/instance", "db");

  private SimulatedKubernetes kube;
  private KubernetesClient client;
  private final List<ResourceKey> events = Collections.synchronizedList(new ArrayList<>());
  private final List<ResourceKey> statusChanges = Collections.synchronizedList(new ArrayList<>());
  private final List<GenericKinds> kindChanges = Collections.synchronizedList(new ArrayList<>());
  private final List<InformerCaches> started = new ArrayList<>();

  @BeforeEach
  void startApi() {
    kube = SimulatedKubernetes.start();
    client = kube.client();
  }

  @AfterEach
  void stop() {
    started.forEach(InformerCaches::close);
    kube.close();
  }

  private InformerCaches caches(WatchedNamespaces namespaces) {
    InformerCaches caches = new InformerCaches(client, namespaces, events::add, Duration.ZERO, kindChanges::add,
        statusChanges::add).start();
    started.add(caches);
    await().until(caches::hasSynced);
    return caches;
  }

  private StatefulSet statefulSet(String namespace, String name, Map<String, String> labels) {
    return client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withServiceName(name).endSpec().build()).create();
  }

  private ConfigMap configMap(String namespace, String name, Map<String, String> labels) {
    return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .addToData("k", "v").build()).create();
  }

  @Test
  void syncedInformersAreWatchingAndStoppedOnesAreReportedByKind() {
    InformerCaches caches = caches(WatchedNamespaces.all());
    // a watch opens just after its list: briefly not watching is what the liveness bound absorbs
    await().until(() -> caches.notWatching().isEmpty());

    caches.close();

    assertThat(caches.notWatching()).contains("HyperbytedbCluster", "StatefulSet", "Pod");
  }

  @Test
  void cachesStartedWhileTheFirstWatchesAreAnswered410GoneStillSyncAndFollowChanges() {
    // campaign seed 3368: every informer's first watch failed, fabric8 gave up, and the operator
    // that started then never saw another change
    kube.faults().inject(ApiFault.on(ApiVerb.WATCH, "*").respondWith(410).times(40));

    InformerCaches caches = caches(WatchedNamespaces.all());
    statefulSet("prod", "db", MANAGED);

    await().until(() -> caches.owned(StatefulSet.class).list().size() == 1);
    await().until(() -> caches.notWatching().isEmpty());
  }

  @Test
  void theCacheHoldsOnlyObjectsLabelledAsManagedByTheOperator() {
    statefulSet("prod", "db", MANAGED);
    statefulSet("prod", "someone-elses", Map.of("app.kubernetes.io/managed-by", "Helm"));
    configMap("prod", "unlabelled", Map.of());

    InformerCaches caches = caches(WatchedNamespaces.all());

    assertThat(caches.owned(StatefulSet.class).list()).extracting(s -> s.getMetadata().getName()).containsExactly("db");
    assertThat(caches.owned(ConfigMap.class).list()).isEmpty();
  }

  @Test
  void onlyTheWatchedNamespacesAreCached() {
    for (String namespace : List.of("a", "b", "c")) {
      configMap(namespace, "db-config", MANAGED);
    }

    InformerCaches caches = caches(WatchedNamespaces.parse("a, b"));

    assertThat(caches.owned(ConfigMap.class).list()).extracting(c -> c.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(caches.owned(ConfigMap.class).get("b", "db-config")).isPresent();
    assertThat(caches.owned(ConfigMap.class).get("c", "db-config")).isEmpty();
  }

  @Test
  void eventsOfOwnedObjectsAndCustomResourcesEnqueueTheOwningResource() {
    InformerCaches caches = caches(WatchedNamespaces.parse("prod"));

    client.pods().inNamespace("prod").resource(new PodBuilder()
        .withNewMetadata().withNamespace("prod").withName("db-0").withLabels(MANAGED).endMetadata().build()).create();
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName("other").build());
    client.resources(HyperbytedbCluster.class).inNamespace("prod").resource(cluster).create();
    client.configMaps().inNamespace("prod").resource(new ConfigMapBuilder().withNewMetadata()
        .withNamespace("prod").withName("backup-script").withLabels(Map.of("app.kubernetes.io/managed-by", "hyperbytedb-operator"))
        .addNewOwnerReference().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1").withKind("HyperbytedbBackup")
        .withName("nightly").withUid("b1").endOwnerReference().endMetadata().build()).create();

    await().untilAsserted(() -> assertThat(Set.copyOf(events)).containsExactlyInAnyOrder(
        ResourceKey.cluster("prod", "db"), ResourceKey.cluster("prod", "other"), ResourceKey.backup("prod", "nightly")));
    assertThat(caches.owned(io.fabric8.kubernetes.api.model.Pod.class).ownedBy(ResourceKey.cluster("prod", "db")))
        .extracting(p -> p.getMetadata().getName()).containsExactly("db-0");
  }

  @Test
  void aStatusOnlyUpdateOfAClusterGoesToTheStatusSinkNotTheEventSinkButASpecChangeDoes() {
    InformerCaches caches = caches(WatchedNamespaces.parse("prod"));
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName("db").build());
    cluster.setSpec(new cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec());
    var resource = client.resources(HyperbytedbCluster.class).inNamespace("prod");
    resource.resource(cluster).create();
    await().until(() -> caches.clusters().get("prod", "db").isPresent());
    events.clear();

    HyperbytedbCluster withStatus = resource.withName("db").get();
    withStatus.setStatus(new cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus());
    withStatus.getStatus().setPhase("Running");
    resource.resource(withStatus).updateStatus();
    await().until(() -> "Running".equals(caches.clusters().get("prod", "db").get().getStatus().getPhase()));
    assertThat(events).as("the operator's own status write").isEmpty();
    assertThat(statusChanges).as("told apart, for whoever waits on that status")
        .containsExactly(ResourceKey.cluster("prod", "db"));

    HyperbytedbCluster edited = resource.withName("db").get();
    edited.getSpec().setReplicas(3);
    resource.resource(edited).update();
    await().untilAsserted(() -> assertThat(events).containsExactly(ResourceKey.cluster("prod", "db")));
  }

  @Test
  void managedFieldsFromServerSideApplyAreNotKeptInTheCache() {
    InformerCaches caches = caches(WatchedNamespaces.parse("prod"));
    OwnWrites ownWrites = new OwnWrites();
    ResourceKey db = ResourceKey.cluster("prod", "db");
    FabricObjectWriter writer = new FabricObjectWriter(client, ownWrites, OperatorMetrics.standalone(), db);

    writer.apply(new ConfigMapBuilder().withNewMetadata().withNamespace("prod").withName("db-config")
        .withLabels(MANAGED).endMetadata().addToData("config.toml", "x = 1").build(), FieldManager.NAME);

    assertThat(client.configMaps().inNamespace("prod").withName("db-config").get().getMetadata().getManagedFields())
        .as("the server tracks field ownership").isNotEmpty();
    await().until(() -> ownWrites.pending(db, caches::live).isEmpty());
    assertThat(caches.owned(ConfigMap.class).get("prod", "db-config").orElseThrow().getMetadata().getManagedFields())
        .isNullOrEmpty();
  }

  @Test
  void aKindWhoseCrdIsEstablishedAtStartIsWatchedOnceTheCachesHaveSynced() {
    kube.registerCrd(ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR));

    InformerCaches caches = caches(WatchedNamespaces.parse("prod"));

    assertThat(caches.watches(GenericKinds.SERVICE_MONITOR)).isTrue();
    assertThat(caches.watches(GenericKinds.PROMETHEUS_RULE)).isFalse();
    assertThat(caches.watches(GenericKinds.CERTIFICATE)).isFalse();
  }

  @Test
  void aCrdInstalledAfterStartIsWatchedOnceItIsEstablishedAndTheListenerIsTold() {
    InformerCaches caches = caches(WatchedNamespaces.parse("prod"));
    assertThat(caches.watches(GenericKinds.SERVICE_MONITOR)).isFalse();
    CustomResourceDefinition pending = ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR);
    pending.setStatus(new CustomResourceDefinitionStatusBuilder().addNewCondition().withType("Established")
        .withStatus("False").endCondition().build());
    var crds = client.apiextensions().v1().customResourceDefinitions();
    crds.resource(pending).create();
    createServiceMonitor("prod", "db");

    CustomResourceDefinition established = crds.withName(pending.getMetadata().getName()).get();
    established.getStatus().getConditions().get(0).setStatus("True");
    crds.resource(established).update();

    await().until(() -> caches.watches(GenericKinds.SERVICE_MONITOR));
    assertThat(kindChanges).containsExactly(GenericKinds.SERVICE_MONITOR);
    assertThat(caches.generic(GenericKinds.SERVICE_MONITOR).orElseThrow().ownedBy(ResourceKey.cluster("prod", "db")))
        .extracting(m -> m.getMetadata().getName()).containsExactly("db");
    assertThat(caches.hasSynced()).isTrue();
  }

  @Test
  void aRemovedCrdIsNoLongerWatchedAndTheListenerIsTold() {
    kube.registerCrd(ThirdPartyCrds.of(GenericKinds.CERTIFICATE));
    InformerCaches caches = caches(WatchedNamespaces.all());
    await().until(() -> kindChanges.contains(GenericKinds.CERTIFICATE));
    kindChanges.clear();

    client.apiextensions().v1().customResourceDefinitions().withName(GenericKinds.CERTIFICATE.crdName()).delete();

    await().until(() -> !caches.watches(GenericKinds.CERTIFICATE));
    await().untilAsserted(() -> assertThat(kindChanges).containsExactly(GenericKinds.CERTIFICATE));
    assertThat(caches.generic(GenericKinds.CERTIFICATE)).isEmpty();
    assertThat(caches.hasSynced()).as("a missing optional CRD does not make the operator unready").isTrue();
  }

  private void createServiceMonitor(String namespace, String name) {
    client.genericKubernetesResources(GenericKinds.SERVICE_MONITOR.context()).inNamespace(namespace)
        .resource(new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1")
            .withKind("ServiceMonitor").withNewMetadata().withNamespace(namespace).withName(name).withLabels(MANAGED)
            .endMetadata().build())
        .create();
  }
}
