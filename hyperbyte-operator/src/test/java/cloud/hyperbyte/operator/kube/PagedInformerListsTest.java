package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.operator.e2e.Manifests;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.testkit.kube.ServedList;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Informers list in pages (issue 18): an operator restarted beside 1,000 three-member clusters read
 * all 3,000 member pods in one response and died of OutOfMemoryError at the chart's default heap
 * before the store could slim them.
 */
class PagedInformerListsTest {

  static final String NAMESPACE = "test";
  static final int CLUSTERS = 1_000;
  static final int MEMBERS = 3;

  private SimulatedKubernetes kube;
  private InformerCaches caches;

  @BeforeEach
  void startApi() {
    kube = SimulatedKubernetes.start();
  }

  @AfterEach
  void stop() {
    if (caches != null) {
      caches.close();
    }
    kube.close();
  }

  /** The StatefulSet the operator renders for a three-member cluster, with every container and volume. */
  static StatefulSet memberStatefulSet() {
    ClusterSpec spec = ClusterSpecFactory.from(Manifests.cluster("db", NAMESPACE, MEMBERS, "0.8.5", ""),
        "cluster.local").value().orElseThrow();
    return ClusterRenderer.render(spec).get(StatefulSet.class, ClusterNames.of(spec).statefulSet());
  }

  /**
   * {@code clusters} rendered StatefulSets and their member pods, as the StatefulSet controller would
   * create them (the pods' owner must exist, or the garbage collector takes them).
   */
  static void createMembers(KubernetesClient client, int clusters) {
    StatefulSet rendered = memberStatefulSet();
    PodTemplateSpec template = rendered.getSpec().getTemplate();
    IntStream.range(0, clusters).parallel().forEach(cluster -> {
      StatefulSet sts = client.apps().statefulSets().inNamespace(NAMESPACE).resource(new StatefulSetBuilder(rendered)
          .editMetadata().withName("db" + cluster).endMetadata().build()).create();
      for (int ordinal = 0; ordinal < MEMBERS; ordinal++) {
        Pod pod = new PodBuilder()
            .withNewMetadataLike(template.getMetadata())
            .withNamespace(NAMESPACE).withName(sts.getMetadata().getName() + "-" + ordinal)
            .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
            .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid()).withController(true)
            .endOwnerReference()
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
      }
    });
  }

  @Test
  void theInitialListOfThreeThousandMemberPodsIsReadInPagesAndEveryPodIsCachedSlimmed() {
    createMembers(kube.client(), CLUSTERS);

    caches = new InformerCaches(kube.client(), WatchedNamespaces.parse(NAMESPACE), key -> { }, Duration.ZERO).start();
    await().atMost(Duration.ofMinutes(5)).until(caches::hasSynced);

    List<ServedList> podLists = kube.servedLists().stream()
        .filter(list -> list.path().equals("/api/v1/namespaces/" + NAMESPACE + "/pods")).toList();
    assertThat(podLists).hasSize(CLUSTERS * MEMBERS / (int) InformerCaches.LIST_PAGE_SIZE);
    assertThat(podLists).allSatisfy(page -> {
      assertThat(page.limit()).isEqualTo(InformerCaches.LIST_PAGE_SIZE);
      assertThat(page.items()).isEqualTo((int) InformerCaches.LIST_PAGE_SIZE);
    });
    assertThat(podLists).extracting(ServedList::continued).containsExactly(false, true, true, true, true, true);
    assertThat(podLists.get(podLists.size() - 1).more()).isFalse();
    assertThat(caches.owned(Pod.class).list()).hasSize(CLUSTERS * MEMBERS)
        .allSatisfy(pod -> assertThat(pod.getSpec().getVolumes()).isEmpty());
  }

  @Test
  void everyInformerAsksForPages() {
    caches = new InformerCaches(kube.client(), WatchedNamespaces.parse(NAMESPACE), key -> { }, Duration.ZERO).start();
    await().atMost(Duration.ofMinutes(1)).until(caches::hasSynced);

    assertThat(kube.servedLists()).isNotEmpty()
        .allSatisfy(list -> assertThat(list.limit()).as(list.path()).isEqualTo(InformerCaches.LIST_PAGE_SIZE));
    assertThat(kube.servedLists()).extracting(ServedList::path).contains(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "/api/v1/namespaces/test/secrets",
        "/apis/hyperbytedb.hyperbyte.cloud/v1alpha1/namespaces/test/hyperbytedbclusters");
  }
}
