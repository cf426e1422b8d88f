package cloud.hyperbyte.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static cloud.hyperbyte.testkit.kube.Fixtures.memberConfig;
import static cloud.hyperbyte.testkit.kube.Fixtures.memberStatefulSet;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.db.ManualTime;
import cloud.hyperbyte.testkit.db.NodeState;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

  private static final String CLUSTERED = "[server]\nport = 8086\n\n[cluster]\nenabled = true\npeers = \"\"\n";
  private static final String STANDALONE = "[server]\nport = 8086\n\n[cluster]\nenabled = false\n";

  private final ManualTime time = SimulatedTime.manual(Instant.parse("2026-08-01T00:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    org.awaitility.Awaitility.setDefaultTimeout(cloud.hyperbyte.testkit.Patience.LIMIT); // a loaded machine
    cluster = SimulatedCluster.builder().time(time).start();
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void podsOfAStatefulSetRunMembersThatAnswerOnTheirLoopbackAddress() throws Exception {
    config("hdb", CLUSTERED);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 3)).create();

    awaitReadyPods("hdb", 3);
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(get(cluster.loopbackAddress(NS, "hdb-" + ordinal), "/ping").statusCode()).isEqualTo(204);
    }
    String host = "hdb-1.hdb-headless.test.svc.cluster.local";
    assertThat(cluster.loopbackAddressOfHost(host)).isEqualTo(cluster.loopbackAddress(NS, "hdb-1"));
    assertThat(cluster.member(NS, "hdb-0")).map(SimulatedNode::raftView)
        .hasValueSatisfying(raft -> assertThat(raft.membership().voters()).containsExactly(1L));
  }

  @Test
  void theMountedConfigDecidesClusterMode() throws Exception {
    config("solo", STANDALONE);
    client.apps().statefulSets().resource(memberStatefulSet("solo", 1)).create();

    awaitReadyPods("solo", 1);
    String address = cluster.loopbackAddress(NS, "solo-0");
    assertThat(get(address, "/health").statusCode()).isEqualTo(200);
    assertThat(get(address, "/cluster/leader").statusCode()).isEqualTo(404);
    assertThat(cluster.database(NS, "solo")).map(db -> db.options().clusterEnabled()).contains(false);
  }

  @Test
  void aPodStartedAfterItsConfigChangedRunsInTheNewModeWhileOthersKeepTheirs() throws Exception {
    config("hdb", STANDALONE);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 1)).create();
    awaitReadyPods("hdb", 1);

    config("hdb", CLUSTERED);
    client.apps().statefulSets().withName("hdb").scale(2);
    awaitReadyPods("hdb", 2);

    assertThat(get(cluster.loopbackAddress(NS, "hdb-0"), "/cluster/leader").statusCode()).isEqualTo(404);
    assertThat(get(cluster.loopbackAddress(NS, "hdb-1"), "/cluster/nodes").statusCode()).isEqualTo(200);
    assertThat(cluster.databases(NS, "hdb")).hasSize(2);

    deletePod("hdb-0");
    await().ignoreExceptions()
        .untilAsserted(() -> assertThat(get(cluster.loopbackAddress(NS, "hdb-0"), "/cluster/leader").statusCode())
        .isEqualTo(200));
  }

  @Test
  void readinessFollowsTheMembersHealth() {
    config("hdb", CLUSTERED);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 2)).create();
    awaitReadyPods("hdb", 2);

    SimulatedDatabase database = cluster.database(NS, "hdb").orElseThrow();
    database.crash(1);
    await().until(() -> !isReady(pod("hdb-1")));
    assertThat(isReady(pod("hdb-0"))).isTrue();

    database.start(1);
    await().until(() -> isReady(pod("hdb-1")));
  }

  @Test
  void aDeletedPodStopsItsMemberAndItsReplacementKeepsTheVolume() throws Exception {
    config("hdb", CLUSTERED);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 2)).create();
    awaitReadyPods("hdb", 2);
    write(cluster.loopbackAddress(NS, "hdb-1"), 3);
    SimulatedNode member = cluster.member(NS, "hdb-1").orElseThrow();
    String firstUid = pod("hdb-1").getMetadata().getUid();

    deletePod("hdb-1");

    // Terminating while the member drains (SIGTERM), on simulated time
    await().until(() -> cluster.member(NS, "hdb-1").isEmpty());
    assertThat(member.state()).isEqualTo(NodeState.DRAINING);
    assertThat(pod("hdb-1").getMetadata().getUid()).as("no replacement while Terminating").isEqualTo(firstUid);
    assertThat(pod("hdb-1").getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(isReady(pod("hdb-1"))).isFalse();
    time.advance(Duration.ofSeconds(120));

    await().until(() -> replaced("hdb-1", firstUid) && isReady(pod("hdb-1")));
    assertThat(cluster.member(NS, "hdb-1")).containsSame(member);
    assertThat(member.walSequence()).isEqualTo(3);
  }

  @Test
  void aMemberWhoseShutdownHangsKeepsItsPodTerminatingUntilTheGracePeriodEndsAndIsThenKilled() {
    config("hdb", CLUSTERED);
    StatefulSet sts = memberStatefulSet("hdb", 2);
    sts.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(200L);
    client.apps().statefulSets().resource(sts).create();
    awaitReadyPods("hdb", 2);
    SimulatedNode member = cluster.member(NS, "hdb-1").orElseThrow();
    String firstUid = pod("hdb-1").getMetadata().getUid();
    member.faults().stuckDrain();

    deletePod("hdb-1");
    await().until(() -> cluster.member(NS, "hdb-1").isEmpty());
    time.advance(Duration.ofSeconds(199));

    cluster.statefulSets().reconcileNow(NS, "hdb");
    assertThat(member.isProcessRunning()).as("the drain hangs").isTrue();
    assertThat(pod("hdb-1").getMetadata().getUid()).as("still Terminating").isEqualTo(firstUid);

    time.advance(Duration.ofSeconds(1));

    assertThat(member.isProcessRunning()).as("killed at the end of the grace period").isFalse();
    await().until(() -> replaced("hdb-1", firstUid));
  }

  @Test
  void aDeletedClaimMeansTheMemberStartsOnAnEmptyDisk() throws Exception {
    config("hdb", CLUSTERED);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 2)).create();
    awaitReadyPods("hdb", 2);
    write(cluster.loopbackAddress(NS, "hdb-1"), 3);
    String firstUid = pod("hdb-1").getMetadata().getUid();

    client.persistentVolumeClaims().withName("data-hdb-1").delete();
    deletePod("hdb-1");
    await().until(() -> cluster.member(NS, "hdb-1").isEmpty()); // SIGTERM: the drain runs on simulated time
    time.advance(Duration.ofSeconds(120));

    await().until(() -> replaced("hdb-1", firstUid) && isReady(pod("hdb-1")));
    assertThat(cluster.member(NS, "hdb-1").orElseThrow().walSequence()).isZero();
  }

  @Test
  void aScaledDownMemberDrainsOnSimulatedTime() {
    config("hdb", CLUSTERED);
    client.apps().statefulSets().resource(memberStatefulSet("hdb", 2)).create();
    awaitReadyPods("hdb", 2);
    SimulatedNode member = cluster.member(NS, "hdb-1").orElseThrow();

    client.apps().statefulSets().withName("hdb").scale(1);

    // the member gets its SIGTERM when the simulated kubelet sees the pod Terminating; the pod stays until it exits
    await().until(() -> cluster.member(NS, "hdb-1").isEmpty());
    assertThat(member.isListening()).isFalse();
    assertThat(member.state()).isEqualTo(NodeState.DRAINING);
    assertThat(pod("hdb-1")).as("Terminating while the drain runs").isNotNull();
    time.advance(Duration.ofSeconds(120));
    assertThat(member.isProcessRunning()).isFalse();
    await().until(() -> pod("hdb-1") == null);
  }

  @Test
  void activityCountsTheWritesOfTheCodeUnderTestButNotOfTheSimulatedControllers() {
    config("hdb", CLUSTERED);
    ApiMark mark = cluster.mark();

    client.apps().statefulSets().resource(memberStatefulSet("hdb", 2)).create();
    client.configMaps().withName("hdb-config").get();
    ApiActivity activity = cluster.activitySince(mark);
    awaitReadyPods("hdb", 2);

    assertThat(activity.writesByVerbAndResource()).containsExactly(Map.entry("CREATE statefulsets", 1L));
    assertThat(activity.count(ApiVerb.GET, "configmaps")).isEqualTo(1);
    assertThat(cluster.activitySince(cluster.mark()).requests()).isEmpty();
    ApiMark afterSetup = cluster.mark();
    String firstUid = pod("hdb-0").getMetadata().getUid();
    client.pods().withName("hdb-0").delete();
    await().until(() -> cluster.member(NS, "hdb-0").isEmpty());
    time.advance(Duration.ofSeconds(120)); // the drain
    await().until(() -> isReady(pod("hdb-0")) && !pod("hdb-0").getMetadata().getUid().equals(firstUid));
    assertThat(cluster.activitySince(afterSetup).writesByVerbAndResource())
        .containsExactly(Map.entry("DELETE pods", 1L));
  }

  @Test
  void proxyPodsAnswerExcludeAndIncludeForTheDatabasePodsBehindTheirBackendService() throws Exception {
    startMembersBehindAHeadlessService("hdb", 2);
    client.apps().deployments().resource(proxyDeployment(1)).create();
    String backend = pod("hdb-1").getStatus().getPodIP();
    Pod proxyPod = proxyPods().get(0);
    String admin = await().until(() -> cluster.proxyAdminAddressOfIp(proxyPod.getStatus().getPodIP()),
        Optional::isPresent).orElseThrow();

    assertThat(post(admin, "/admin/backends/" + backend + "/exclude").statusCode()).isEqualTo(200);
    assertThat(post(admin, "/admin/backends/" + backend + "/exclude").statusCode()).isEqualTo(409);
    assertThat(post(admin, "/admin/backends/10.99.0.1/exclude").statusCode()).isEqualTo(404);
    assertThat(cluster.proxyExclusions(NS, proxyPod.getMetadata().getName())).containsExactly(backend);
    assertThat(get(admin, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(admin, "/admin/pool").body()).contains("\"addr\":\"" + backend + "\",\"health\":\"Active\","
        + "\"excluded\":true");
    HttpResponse<String> included = post(admin, "/admin/backends/" + backend + "/include");

    assertThat(included.body()).contains("\"included\"");
    assertThat(cluster.proxyCalls()).extracting(ProxyCall::action, ProxyCall::backendIp, ProxyCall::status)
        .containsExactly(tuple("exclude", backend, 200), tuple("exclude", backend, 409),
            tuple("exclude", "10.99.0.1", 404), tuple("include", backend, 200));
  }

  @Test
  void eachProxyPodKeepsItsOwnExclusionsAndRoutesOnlyToActiveBackendsItIsNotToldToAvoid() throws Exception {
    startMembersBehindAHeadlessService("hdb", 2);
    List<ProxyRouting> routing = new CopyOnWriteArrayList<>();
    cluster.onProxyRouting(routing::add);
    client.apps().deployments().resource(proxyDeployment(2)).create();
    String member0 = pod("hdb-0").getStatus().getPodIP();
    String member1 = pod("hdb-1").getStatus().getPodIP();
    List<Pod> proxies = await().until(this::proxyPods, p -> p.size() == 2 && p.stream()
        .allMatch(pod -> cluster.proxyAdminAddressOfIp(pod.getStatus().getPodIP()).isPresent()));
    String a = proxies.get(0).getMetadata().getName();
    String b = proxies.get(1).getMetadata().getName();

    post(cluster.proxyAdminAddressOfIp(proxies.get(0).getStatus().getPodIP()).orElseThrow(),
        "/admin/backends/" + member1 + "/exclude");

    assertThat(cluster.proxyRouting(NS, a)).containsExactly(member0);
    assertThat(cluster.proxyRouting(NS, b)).as("the other proxy pod was not told").containsExactlyInAnyOrder(
        member0, member1);
    assertThat(routing).extracting(ProxyRouting::proxyPod, ProxyRouting::backendIps).contains(
        tuple(a, Set.of(member0, member1)), tuple(b, Set.of(member0, member1)), tuple(a, Set.of(member0)));
  }

  @Test
  void aRestartedMembersNewIpIsDiscoveredOnTheIntervalAndRoutedOnlyAfterAHealthyProbe() throws Exception {
    startMembersBehindAHeadlessService("hdb", 2, STANDALONE);
    client.apps().deployments().resource(proxyDeployment(1)).create();
    Pod proxyPod = proxyPods().get(0);
    String proxy = proxyPod.getMetadata().getName();
    String admin = await().until(() -> cluster.proxyAdminAddressOfIp(proxyPod.getStatus().getPodIP()),
        Optional::isPresent).orElseThrow();
    String oldIp = pod("hdb-1").getStatus().getPodIP();
    assertThat(post(admin, "/admin/backends/" + oldIp + "/exclude").statusCode()).isEqualTo(200);

    deletePod("hdb-1");
    String newIp = await().until(() -> Optional.ofNullable(pod("hdb-1"))
        // a pod the controller just created has no status until its first status write
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .filter(p -> !p.getStatus().getPodIP().equals(oldIp)).filter(SimulatedClusterTest::isReady).map(p -> p.getStatus().getPodIP()), Optional::isPresent)
        .orElseThrow();

    assertThat(post(admin, "/admin/backends/" + newIp + "/exclude").statusCode())
        .as("not discovered yet").isEqualTo(404);
    assertThat(cluster.proxyExclusions(NS, proxy)).containsExactly(oldIp);
    time.advance(Duration.ofSeconds(5)); // discovery: the old IP leaves with its exclusion, the new one is Unknown
    assertThat(cluster.proxyExclusions(NS, proxy)).isEmpty();
    assertThat(cluster.proxyRouting(NS, proxy)).doesNotContain(newIp, oldIp);
    time.advance(Duration.ofSeconds(1)); // the health probe at 6 s
    assertThat(cluster.proxyRouting(NS, proxy)).contains(newIp);
  }

  @Test
  void theTimeDriverAdvancesManualTimeUntilPaused() {
    try (TimeDriver driver = TimeDriver.start(time, Duration.ofSeconds(1), Duration.ofMillis(5))) {
      Instant before = cluster.clock().instant();
      await().until(() -> cluster.clock().instant().isAfter(before.plusSeconds(3)));

      driver.pause();
      Instant paused = time.now();
      time.advance(Duration.ofSeconds(10));
      assertThat(cluster.clock().instant()).isEqualTo(paused.plusSeconds(10));

      driver.resume();
      await().until(() -> time.now().isAfter(paused.plusSeconds(12)));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void config(String name, String toml) {
    client.configMaps().resource(memberConfig(name, toml)).serverSideApply();
  }

  /** Members of StatefulSet {@code name}, Ready, behind {@code <name>-headless}; proxies created after see them at once. */
  private void startMembersBehindAHeadlessService(String name, int replicas) {
    startMembersBehindAHeadlessService(name, replicas, CLUSTERED);
  }

  private void startMembersBehindAHeadlessService(String name, int replicas, String toml) {
    config(name, toml);
    client.apps().statefulSets().resource(memberStatefulSet(name, replicas)).create();
    client.services().resource(new ServiceBuilder().withNewMetadata().withName(name + "-headless").withNamespace(NS)
        .endMetadata().withNewSpec().withClusterIP("None").addToSelector("app", name).endSpec().build()).create();
    awaitReadyPods(name, replicas);
  }

  private List<Pod> proxyPods() {
    return await().until(() -> client.pods().withLabel("app", "hdb-proxy").list().getItems().stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList(), p -> !p.isEmpty());
  }

  private static Deployment proxyDeployment(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("hdb-proxy").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "hdb-proxy").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "hdb-proxy").endMetadata()
            .withNewSpec().addNewContainer().withName("proxy").withImage("hyperbytedb-proxy:0.8.5")
              .addNewEnv().withName("HYPERBYTEDB_PROXY_BACKEND_SERVICE")
                .withValue("hdb-headless.test.svc.cluster.local").endEnv()
            .endContainer().endSpec()
          .endTemplate()
        .endSpec().build();
  }

  private HttpResponse<String> post(String address, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReadyPods(String statefulSet, int count) {
    await().untilAsserted(() -> {
      StatefulSet sts = client.apps().statefulSets().withName(statefulSet).get();
      assertThat(sts.getStatus()).isNotNull();
      assertThat(sts.getStatus().getReadyReplicas()).isEqualTo(count);
    });
  }

  /** Whether pod {@code name} exists with another uid than {@code oldUid}, read once (the old one may go between reads). */
  private boolean replaced(String name, String oldUid) {
    Pod now = pod(name);
    return now != null && !now.getMetadata().getUid().equals(oldUid);
  }

  private Pod pod(String name) {
    return client.pods().withName(name).get();
  }

  private void deletePod(String name) {
    client.pods().withName(name).delete();
  }

  private static boolean isReady(Pod pod) {
    return pod != null && pod.getStatus() != null && Optional.ofNullable(pod.getStatus().getConditions()).orElseThrow()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private HttpResponse<String> get(String address, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private void write(String address, int times) throws IOException, InterruptedException {
    for (int i = 0; i < times; i++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/write?db=m"))
          .POST(HttpRequest.BodyPublishers.ofString("cpu value=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(204);
    }
  }

}
