package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.kube.ApiFault;
import cloud.hyperbyte.testkit.kube.ApiFaults;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import cloud.hyperbyte.testkit.kube.ServedList;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
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

  @Test
  void theInitialListOfThreeThousandMemberPodsIsReadInPagesAndEveryPodIsCachedSlimmed() {
    RenderedMembers.create(kube.client(), NAMESPACE, CLUSTERS);

    caches = new InformerCaches(kube.client(), WatchedNamespaces.parse(NAMESPACE), key -> { }, Duration.ZERO).start();
    await().atMost(Duration.ofMinutes(5)).until(caches::hasSynced);

    List<ServedList> podLists = kube.servedLists().stream()
        .filter(list -> list.path().equals("/api/v1/namespaces/" + NAMESPACE + "/pods")).toList();
    assertThat(podLists).hasSize(CLUSTERS * RenderedMembers.MEMBERS / (int) InformerCaches.LIST_PAGE_SIZE);
    assertThat(podLists).allSatisfy(page -> {
      assertThat(page.limit()).isEqualTo(InformerCaches.LIST_PAGE_SIZE);
      assertThat(page.items()).isEqualTo((int) InformerCaches.LIST_PAGE_SIZE);
    });
    assertThat(podLists.get(0).continued()).isFalse();
    assertThat(podLists.subList(1, podLists.size())).extracting(ServedList::continued).containsOnly(true);
    assertThat(podLists.get(podLists.size() - 1).more()).isFalse();
    assertThat(caches.owned(Pod.class).list()).hasSize(CLUSTERS * RenderedMembers.MEMBERS)
        .allSatisfy(pod -> assertThat(pod.getSpec().getVolumes()).isEmpty());
  }

  @Test
  void theFirstSyncListsOneKindAtATimeSoAKindWhoseListFailsHoldsBackTheOthers() {
    ApiFaults.Injected failing = kube.faults().inject(ApiFault.on(ApiVerb.LIST, "hyperbytedbclusters"));

    caches = new InformerCaches(kube.client(), WatchedNamespaces.parse(NAMESPACE), key -> { }, Duration.ZERO).start();
    // the clusters' informer starts first and retries: nothing else is listed meanwhile (the CRD watch starts on
    // its own)
    await().atMost(Duration.ofMinutes(1)).until(() -> failing.hits() >= 2);
    assertThat(kube.servedLists()).extracting(ServedList::path)
        .containsOnly("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");

    failing.remove();
    await().atMost(Duration.ofMinutes(1)).until(caches::hasSynced);
    assertThat(kube.servedLists()).extracting(ServedList::path).contains(
        "/api/v1/namespaces/test/pods", "/apis/apps/v1/namespaces/test/statefulsets");
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
