package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import cloud.hyperbyte.reconcile.seed.SeedDecision;
import cloud.hyperbyte.reconcile.seed.SeedNames;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeding new members (issue 15 item 2) through the real operator wiring: points written and flushed
 * into chDB never reach a member that joins later through the WAL (the members keep no WAL entry after
 * a flush here), so only a seeded volume — a source pod backing up a running member and serving it
 * with the operator image's {@code seed-serve}, a target pod fetching it with {@code seed-fetch} and
 * restoring it onto the new claim — gives a new member the history.
 */
class SeedingE2eTest extends OperatorE2eTest {

  private static final List<String> FLUSHED = List.of("cpu,host=a value=1", "cpu,host=b value=2");
  private static final List<String> LATER = List.of("cpu,host=c value=3");

  /**
   * Whether the next source pod's {@code seed-serve} waits until {@link #release}: then it serves when
   * {@link #serveAfterRelease}, else it fails having served nothing.
   */
  private final AtomicBoolean holdNextServe = new AtomicBoolean();
  private final AtomicBoolean serveAfterRelease = new AtomicBoolean();
  private final AtomicReference<String> heldSource = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);
  /** Whether every target pod's {@code seed-fetch} fails as on a corrupt archive. */
  private final AtomicBoolean failFetches = new AtomicBoolean();

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.databaseOptions(o -> o.withStartupDuration(MEMBER_STARTUP).withDrainAckTimeout(DRAIN_ACK_TIMEOUT)
            .withWalRetentionEntries(0))
        .containerProgram(OPERATOR_IMAGE::equals, seedsAndBackups());
  }

  private ContainerProgram seedsAndBackups() {
    OperatorImageProgram image = new OperatorImageProgram();
    // held before routing: a loopback port picked for a source that is then held for long may be taken by
    // another listener (a restarted operator's servers) before the source binds it
    SeedRouting routed = new SeedRouting(image, image, () -> user);
    return invocation -> {
      if (invocation.args().get(0).equals(SeedArgs.SERVE) && holdNextServe.getAndSet(false)) {
        heldSource.set(invocation.pod());
        release.await();
        if (!serveAfterRelease.get()) {
          return new ExecResult(1, new byte[0], "", "held by the test");
        }
      }
      if (invocation.args().get(0).equals(SeedArgs.FETCH) && failFetches.get()) {
        return new ExecResult(SeedArgs.EXIT_FAILED, new byte[0], "", "seed-fetch: the archive is corrupt (test)");
      }
      return routed.run(invocation);
    };
  }

  @AfterEach
  void releaseHeldSource() {
    release.countDown();
  }

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.startWithBackups(sim, OPERATOR_IMAGE, OperatorProcess.DEFAULT_RESYNC);
  }

  @Test
  void aScaleUpSeedsTheNewMembersSoEveryMemberReturnsTheFlushedPoints() throws Exception {
    threeMembersWithFlushedPoints("");

    setReplicas("hdb", 5);
    awaitRunning("hdb", 5);

    assertThat(members(5)).hasSize(5).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    assertThat(user.pods().inNamespace(NS).list().getItems()).extracting(p -> p.getMetadata().getName())
        .as("the seed pods are gone").allMatch(name -> name.matches("hdb-\\d"));
  }

  @Test
  void aScaleUpThroughTheScaleSubresourceAsTheAutoscalerMakesItSeedsToo() throws Exception {
    threeMembersWithFlushedPoints("""
        autoscaling:
          enabled: true
          minReplicas: 3
          maxReplicas: 5
        """);

    // as the HPA controller does: read …/hyperbytedbclusters/hdb/scale, write it back with the replicas it wants
    user.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").scale(4);
    awaitRunning("hdb", 4);

    assertThat(members(4)).hasSize(4).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    assertThat(seededFrom(3)).hasSize(1);
    eventually().untilAsserted(() -> assertThat(annotations("data-hdb-3"))
        .as("the mark is spent once the member started on the claim").doesNotContainKey(SeedNames.SEEDED_ANNOTATION));
  }

  @Test
  void theBackupTravelsOverTlsUnderTheSeedsOwnCaAndItsSecretGoesWithTheSeed() throws Exception {
    threeMembersWithFlushedPoints("");

    setReplicas("hdb", 4);
    awaitRunning("hdb", 4);

    assertThat(members(4)).hasSize(4).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    int attempt = IntStream.rangeClosed(1, SeedDecision.MAX_ATTEMPTS)
        .filter(a -> sim.containerLogs(NS, SeedNames.pod("hdb", 3, a, SeedNames.Role.SOURCE),
            SeedPodRenderer.SERVE_CONTAINER).filter(log -> log.contains("served ")).isPresent())
        .findFirst().orElseThrow(() -> new AssertionError("no source pod served the seed of member 3"));
    assertThat(sim.containerLogs(NS, SeedNames.pod("hdb", 3, attempt, SeedNames.Role.SOURCE),
        SeedPodRenderer.SERVE_CONTAINER)).hasValueSatisfying(log -> assertThat(log).contains("served ", "over TLS"));
    assertThat(sim.containerLogs(NS, SeedNames.pod("hdb", 3, attempt, SeedNames.Role.TARGET),
        SeedPodRenderer.FETCH_CONTAINER)).hasValueSatisfying(log ->
        assertThat(log).contains("fetched ", "over TLS, trusting only the CA in " + SeedArgs.TLS_MOUNT));
    eventually().untilAsserted(() -> assertThat(user.secrets().inNamespace(NS)
        .withName(SeedNames.tokenSecret("hdb", 3)).get()).as("the token and the key are gone with the seed").isNull());
  }

  /**
   * Fault campaign seeds 1018, 1024, 1032 and 1034: a paused cluster scaled up wrote seeded claims and
   * seed pods (a pause freezes every object the cluster owns); it seeds once resumed.
   */
  @Test
  void aPausedClusterScaledUpSeedsNothingUntilItIsResumed() throws Exception {
    threeMembersWithFlushedPoints("");
    edit("hdb", c -> {
      c.getSpec().setPaused(true);
      return c;
    });
    eventually().until(() -> condition("hdb", "Paused").map(c -> c.getStatus().equals("True")).orElse(false)
        && status("hdb").getObservedGeneration().equals(cluster("hdb").getMetadata().getGeneration()));
    ApiMark paused = sim.mark();

    setReplicas("hdb", 5);
    eventually().until(() -> status("hdb").getObservedGeneration().equals(cluster("hdb").getMetadata().getGeneration()));
    awaitMoreReconciles(2);
    assertThat(sim.activitySince(paused).writes()).as("only the status may record the new generation")
        .allMatch(r -> r.resourceWithSubresource().equals("hyperbytedbclusters/status"));
    assertThat(user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-3").get()).as("no seeded claim")
        .isNull();

    edit("hdb", c -> {
      c.getSpec().setPaused(false);
      return c;
    });
    awaitRunning("hdb", 5);
    assertThat(members(5)).hasSize(5).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
  }

  @Test
  void withSeedingOffTheNewMembersMissTheFlushedPoints() throws Exception {
    threeMembersWithFlushedPoints(Manifests.NO_SEEDING);

    setReplicas("hdb", 5);
    awaitRunning("hdb", 5);

    assertThat(members(3)).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    assertThat(sim.member(NS, "hdb-3")).get().satisfies(m -> assertThat(m.points()).isEmpty());
    assertThat(sim.member(NS, "hdb-4")).get().satisfies(m -> assertThat(m.points()).isEmpty());
  }

  @Test
  void aSourceMemberThatDiesMidSeedIsReplacedByAnotherHealthyMemberAndTheNewMemberStillGetsTheHistory()
      throws Exception {
    threeMembersWithFlushedPoints("");
    holdNextServe.set(true);

    setReplicas("hdb", 4);
    eventually().until(() -> heldSource.get() != null);
    int source = Integer.parseInt(pod(heldSource.get()).getMetadata().getLabels().get(SeedNames.SOURCE_LABEL));
    sim.database(NS, "hdb").orElseThrow().crash(source);
    eventually().until(() -> pod(SeedNames.pod("hdb", 3, 2, SeedNames.Role.SOURCE)) != null);
    user.pods().inNamespace(NS).withName("hdb-" + source).delete(); // the kubelet restarts the dead member
    awaitRunning("hdb", 4);

    assertThat(members(4)).hasSize(4).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    assertThat(seededFrom(3)).containsExactly(SeedNames.pod("hdb", 3, 2, SeedNames.Role.SOURCE));
  }

  @Test
  void anOperatorKilledMidSeedIsSucceededByOneThatFinishesTheSameAttempt() throws Exception {
    threeMembersWithFlushedPoints("");
    holdNextServe.set(true);
    serveAfterRelease.set(true);

    setReplicas("hdb", 4);
    eventually().until(() -> heldSource.get() != null);
    operator.kill();
    operator = startOperator();
    release.countDown();
    awaitRunning("hdb", 4);

    assertThat(members(4)).hasSize(4).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(FLUSHED));
    assertThat(seededFrom(3)).as("the attempt under way carried on")
        .containsExactly(SeedNames.pod("hdb", 3, 1, SeedNames.Role.SOURCE));
  }

  @Test
  void aMemberReturningOnTheClaimAScaleDownRetainedIsSeededAgainAndHasThePointsFlushedWhileItWasAway()
      throws Exception {
    threeMembersWithFlushedPoints("");
    setReplicas("hdb", 4);
    awaitRunning("hdb", 4);
    eventually().untilAsserted(() -> assertThat(annotations("data-hdb-3")).doesNotContainKey(SeedNames.SEEDED_ANNOTATION));

    setReplicas("hdb", 3); // whenScaled: Retain (the default) keeps data-hdb-3 with member 3's Raft state
    awaitRunning("hdb", 3);
    String retained = user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-3").get().getMetadata().getUid();
    write("hdb-0", LATER);
    eventually().until(() -> members(3).stream().allMatch(m -> m.points().size() == FLUSHED.size() + LATER.size()));
    SimulatedDatabase database = sim.database(NS, "hdb").orElseThrow();
    IntStream.range(0, 3).forEach(database::flush);
    setReplicas("hdb", 4);
    awaitRunning("hdb", 4);

    assertThat(user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-3").get().getMetadata().getUid())
        .as("the retained claim was seeded over, not replaced").isEqualTo(retained);
    assertThat(seededFrom(3)).as("seeded once per return").hasSize(2);
    assertThat(members(4)).hasSize(4).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(Stream.concat(FLUSHED.stream(), LATER.stream()).toList()));
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(members(4)).allSatisfy(m -> assertThat(m.raftView().membership().voters()).as(m.podName())
        .containsExactly(1L, 2L, 3L, 4L));
  }

  @Test
  void aMemberOfTheFirstReplicasReturningOnItsRetainedClaimIsSeededAndHasEveryPoint() throws Exception {
    threeMembersWithFlushedPoints("");
    setReplicas("hdb", 2);
    awaitRunning("hdb", 2);
    write("hdb-0", LATER);
    eventually().until(() -> members(2).stream().allMatch(m -> m.points().size() == FLUSHED.size() + LATER.size()));
    SimulatedDatabase database = sim.database(NS, "hdb").orElseThrow();
    IntStream.range(0, 2).forEach(database::flush);

    setReplicas("hdb", 3);
    awaitRunning("hdb", 3);

    assertThat(seededFrom(2)).hasSize(1);
    assertThat(members(3)).hasSize(3).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .containsExactlyInAnyOrderElementsOf(Stream.concat(FLUSHED.stream(), LATER.stream()).toList()));
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void withSeedingOffAClaimAScaleDownRetainedIsReplacedBeforeItsMemberReturns() throws Exception {
    threeMembersWithFlushedPoints(Manifests.NO_SEEDING);
    setReplicas("hdb", 2);
    awaitRunning("hdb", 2);
    String retained = user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-2").get().getMetadata().getUid();

    setReplicas("hdb", 3);
    awaitRunning("hdb", 3);

    assertThat(user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-2").get().getMetadata().getUid())
        .as("member 3 starts on a new volume, not on the Raft state of the membership it left").isNotEqualTo(retained);
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(seededFrom(2)).isEmpty();
  }

  /** The source pods member {@code ordinal}'s claim was seeded from, one per seed (events {@code MemberSeeded}). */
  private List<String> seededFrom(int ordinal) {
    String prefix = "The volume data-hdb-" + ordinal + " holds a backup from ";
    return events.of("hdb").stream().filter(e -> e.reason().equals("MemberSeeded") && e.message().startsWith(prefix))
        .map(e -> e.message().substring(prefix.length(), e.message().indexOf(';'))).toList();
  }

  private java.util.Map<String, String> annotations(String claim) {
    java.util.Map<String, String> annotations = user.persistentVolumeClaims().inNamespace(NS).withName(claim).get()
        .getMetadata().getAnnotations();
    return annotations == null ? java.util.Map.of() : annotations;
  }

  @Test
  void aMemberThatCannotBeSeededIsNeverAddedAndTheConditionSaysWhy() throws Exception {
    threeMembersWithFlushedPoints("");
    failFetches.set(true);

    setReplicas("hdb", 4);

    eventually().untilAsserted(() -> assertThat(condition("hdb", "MembersSeeded")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("SeedBlocked");
      assertThat(c.getMessage()).contains("member 3 is not added", "attempt " + SeedDecision.MAX_ATTEMPTS + " failed",
          "the archive is corrupt");
    }));
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("hdb").get().getSpec().getReplicas()).isEqualTo(3);
    assertThat(pod("hdb-3")).isNull();
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
  }

  private void threeMembersWithFlushedPoints(String extraSpec) throws Exception {
    create(Manifests.cluster("hdb", 3, extraSpec));
    awaitRunning("hdb", 3);
    write("hdb-0", FLUSHED);
    eventually().until(() -> members(3).stream().allMatch(m -> m.points().size() == FLUSHED.size()));
    SimulatedDatabase database = sim.database(NS, "hdb").orElseThrow();
    IntStream.range(0, 3).forEach(database::flush);
  }

  private List<SimulatedNode> members(int count) {
    return IntStream.range(0, count).mapToObj(i -> sim.member(NS, "hdb-" + i)).flatMap(Optional::stream).toList();
  }
}
