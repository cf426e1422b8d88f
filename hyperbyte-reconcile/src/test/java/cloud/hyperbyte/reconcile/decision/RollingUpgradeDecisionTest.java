package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.TemplateInputs;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollingUpgradeDecisionTest {

  private final LifecycleTimings timings = LifecycleTimings.defaults();

  private Decision decide(Scenario scenario, Instant now) {
    ObservedCluster observed = scenario.build();
    return RollingUpgradeDecision.decide(observed, LifecycleMemory.from(observed.lastStatus()), now, timings);
  }

  private static LifecycleMemory at(int ordinal, UpgradeStep step, Instant since, Integer... done) {
    return LifecycleMemory.empty().withUpgrade(Optional.of(
        new UpgradeProgress("r2", OptionalInt.of(ordinal), Optional.of(step), since, List.of(done))));
  }

  @Test
  void aNewTemplateFirstTakesTheHighestOrdinalOutOfEveryProxyPod() {
    Decision decision = decide(Scenario.running(3).newTemplate().proxies(2), NOW);

    assertThat(decision.actions()).hasSize(2).allSatisfy(a -> {
      assertThat(a).isInstanceOf(Action.ExcludeFromProxy.class);
      assertThat(((Action.ExcludeFromProxy) a).backendIp()).isEqualTo("10.0.0.3");
    });
    assertThat(decision.partition()).hasValue(3);
    assertThat(decision.memory().upgrade().get().step()).contains(UpgradeStep.WAITING);
    assertThat(decision.requeueAt()).contains(NOW.plusSeconds(10));
  }

  @Test
  void afterDrainWaitSecsThePartitionDropsToTheMembersOrdinal() {
    Decision decision = decide(Scenario.running(3).newTemplate().proxies(2)
        .remembering(at(2, UpgradeStep.WAITING, NOW)), NOW.plusSeconds(10));

    assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall).as("the exclusion, asserted again,"
        + " and the restart's announcement").containsExactly("exclude 10.0.0.3 on db-proxy-0",
        "exclude 10.0.0.3 on db-proxy-1", "restart db-2 (template)");
    assertThat(decision.partition()).hasValue(2);
    assertThat(decision.memory().upgrade().get().step()).contains(UpgradeStep.REJOINING);
  }

  @Test
  void beforeDrainWaitSecsTheMemberStaysOutAndNothingRestarts() {
    Decision decision = decide(Scenario.running(3).newTemplate().proxies(1)
        .remembering(at(2, UpgradeStep.WAITING, NOW)), NOW.plusSeconds(4));

    assertThat(decision.partition()).hasValue(3);
    assertThat(decision.requeueAt()).contains(NOW.plusSeconds(10));
  }

  @Test
  void withoutAProxyTheMemberRestartsAtOnce() {
    Decision decision = decide(Scenario.running(3).newTemplate(), NOW);

    assertThat(decision.partition()).hasValue(2);
    assertThat(decision.memory().upgrade().get().ordinal()).hasValue(2);
  }

  @Test
  void theMemberIsIncludedBackOnlyWhenReadyActiveAndAVoterOnTheNewRevision() {
    Scenario notYet = Scenario.running(3).newTemplate().proxies(2).partition(2).podRevision(2, "r2")
        .state(2, NodeState.SYNCING).remembering(at(2, UpgradeStep.REJOINING, NOW));
    Scenario back = Scenario.running(3).newTemplate().proxies(2).partition(2).podRevision(2, "r2")
        .remembering(at(2, UpgradeStep.REJOINING, NOW));

    assertThat(decide(notYet, NOW.plusSeconds(30)).actions()).as("still out: excluded again on both proxy pods")
        .extracting(RollingUpgradeDecisionTest::proxyCall)
        .containsExactly("exclude 10.0.0.3 on db-proxy-0", "exclude 10.0.0.3 on db-proxy-1");
    Decision done = decide(back, NOW.plusSeconds(30));
    assertThat(done.actions()).hasSize(2).hasOnlyElementsOfType(Action.IncludeInProxy.class);
    assertThat(done.memory().upgrade().get().ordinal()).isEmpty();
    assertThat(done.memory().upgrade().get().done()).containsExactly(2);
    assertThat(done.partition()).hasValue(2);
  }

  @Nested
  class AMemberRestartsOnlyIfTheVotersLeftAreAMajority {

    @Test
    void twoVotersOfAScaleUpToThreeWaitForTheThirdBeforeAnyRestart() {
      Decision decision = decide(Scenario.running(2, 3).onDelete().newTemplate(), NOW);

      assertThat(decision.actions()).isEmpty();
      assertThat(decision.memory().upgrade().orElseThrow().ordinal()).isEmpty();
      assertThat(decision.notices()).extracting(Notice::reason).containsExactly("UpgradeWaiting");
    }

    @Test
    void oneOfThreeVotersDownWhileTheOtherTwoAreBackHoldsTheRestart() {
      // db-2 is back as a pod but node 3 no longer answers Raft: restarting db-1 leaves node 1 alone
      Decision decision = decide(Scenario.running(3).onDelete().newTemplate().podRevision(2, "r2")
          .member(2, f -> f.withRaftRole(Optional.empty())), NOW);

      assertThat(decision.actions()).noneMatch(Action.DeletePod.class::isInstance);
    }

    @Test
    void aChosenMemberIsNotRestartedOnceTheRestartWouldLoseTheMajority() {
      // db-1 was chosen while three voters answered; the spec grew to 3 from 2 only now, node 3 not yet a voter
      Decision decision = decide(Scenario.running(2, 3).onDelete().newTemplate()
          .remembering(at(1, UpgradeStep.RESTARTING, NOW.minusSeconds(1))), NOW);

      assertThat(decision.actions()).noneMatch(Action.DeletePod.class::isInstance);
      assertThat(decision.memory().upgrade().orElseThrow().ordinal()).isEmpty();
    }

    @Test
    void twoVotersWhileTheSpecAsksForOneWaitForTheScaleDownBeforeAnyRestart() {
      // campaign seed 3040: 3 -> 1 together with an upgrade; with two voters left, either restart
      // leaves 1 of 2 answering, while the scale-down would leave one voter that may roll
      Decision decision = decide(Scenario.running(2, 1).onDelete().newTemplate(), NOW);

      assertThat(decision.actions()).noneMatch(Action.DeletePod.class::isInstance);
      assertThat(decision.notices()).extracting(Notice::reason).containsExactly("UpgradeWaiting");
    }

    @Test
    void twoVotersTheSpecAsksForStillRollSinceNoRestartCouldKeepAMajority() {
      Decision decision = decide(Scenario.running(2).onDelete().newTemplate(), NOW);

      assertThat(decision.actions()).singleElement().isInstanceOf(Action.DeletePod.class);
    }
  }

  @Nested
  class WhileAMemberIsOut {

    @ParameterizedTest
    @EnumSource(value = UpgradeStep.class, names = {"WAITING", "RESTARTING", "REJOINING"})
    void givenAMemberExcludedOnProxyAAndANewProxyPodBEveryPassExcludesItOnBoth(UpgradeStep step) {
      // db-proxy-0 excluded db-2 when the step began; db-proxy-1 started since and knows nothing of it
      Scenario scenario = Scenario.running(3).newTemplate().proxies(2).remembering(at(2, step, NOW));
      if (step == UpgradeStep.REJOINING) {
        scenario.partition(2).podRevision(2, "r2").state(2, NodeState.SYNCING);
      }

      Decision decision = decide(scenario, NOW.plusSeconds(3));

      assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall)
          .startsWith("exclude 10.0.0.3 on db-proxy-0", "exclude 10.0.0.3 on db-proxy-1");
    }

    @Test
    void theExclusionsComeBeforeTheRestartSoAnUnreachableProxyStopsThePassFirst() {
      Decision decision = decide(Scenario.running(3).onDelete().newTemplate().proxies(2)
          .remembering(at(2, UpgradeStep.WAITING, NOW)), NOW.plusSeconds(10));

      assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall).containsExactly(
          "exclude 10.0.0.3 on db-proxy-0", "exclude 10.0.0.3 on db-proxy-1", "delete db-2");
    }

    @Test
    void aRestartedMembersNewPodIpIsExcludedUntilItIsBack() {
      Decision decision = decide(Scenario.running(3).newTemplate().proxies(1).partition(2).podRevision(2, "r2")
          .pod(2, p -> new ObservedPod(p.name(), "uid-2b", 2, "Running", true, Optional.of("r2"), false,
              Optional.of("10.0.0.33")))
          .state(2, NodeState.SYNCING).remembering(at(2, UpgradeStep.REJOINING, NOW)), NOW.plusSeconds(3));

      assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall)
          .containsExactly("exclude 10.0.0.33 on db-proxy-0");
    }

    @Test
    void onceBackTheMemberIsIncludedOnEveryProxyPodAndNotExcludedAgain() {
      Decision decision = decide(Scenario.running(3).newTemplate().proxies(3).partition(2).podRevision(2, "r2")
          .remembering(at(2, UpgradeStep.REJOINING, NOW)), NOW.plusSeconds(3));

      assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall).containsExactly(
          "include 10.0.0.3 on db-proxy-0", "include 10.0.0.3 on db-proxy-1", "include 10.0.0.3 on db-proxy-2");
    }

    @Test
    void aMemberWithoutAPodHasNoIpToExclude() {
      Decision decision = decide(Scenario.running(3).newTemplate().proxies(2).partition(2).noPod(2)
          .remembering(at(2, UpgradeStep.REJOINING, NOW)), NOW.plusSeconds(3));

      assertThat(decision.actions()).isEmpty();
    }

    @Test
    void whenTheTemplateChangesAgainTheMemberStaysExcludedUntilItIsBack() {
      Decision decision = decide(Scenario.running(3).newTemplate().proxies(2).partition(1).podRevision(1, "r1")
          .state(1, NodeState.SYNCING).remembering(at(1, UpgradeStep.REJOINING, NOW)), NOW.plusSeconds(3));

      assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall)
          .containsExactly("exclude 10.0.0.2 on db-proxy-0", "exclude 10.0.0.2 on db-proxy-1");
      assertThat(decision.partition()).hasValue(3);
    }
  }

  @Nested
  class EveryRestartNamesItsReason {
    private final UnaryOperator<TemplateInputs> requested = i -> new TemplateInputs(i.image(), i.configHash(),
        i.certificateHash(), Optional.of("2026-12-07T07:00:00Z"));

    @Test
    void aRestartRequestReleasedThroughThePartitionIsAnnouncedAsARequest() {
      Decision decision = decide(Scenario.running(3).newTemplate(requested), NOW);

      assertThat(decision.partition()).hasValue(2);
      assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.ReleaseRestart.class, r -> {
        assertThat(r.event().reason()).isEqualTo(Action.RESTART_EVENT);
        assertThat(r.event().message()).isEqualTo("Restarting pod db-2 on revision r2; reason: request");
        assertThat(r.event().podName()).contains("db-2");
      });
    }

    @Test
    void aMemberTheGoOperatorStartedIsAnnouncedAsAnAdoption() {
      TemplateInputs goPod = new TemplateInputs(Optional.of("hyperbytedb:latest"), Optional.of("go-hash"),
          Optional.empty(), Optional.empty(), true);
      Decision decision = decide(Scenario.running(3).newTemplate().pod(2, p -> new ObservedPod(p.name(), p.uid(),
          p.ordinal(), p.phase(), p.ready(), p.revision(), p.terminating(), p.podIp(), goPod)), NOW);

      assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.ReleaseRestart.class,
          r -> assertThat(r.event().message()).isEqualTo("Restarting pod db-2 on revision r2; reason: adoption"));
    }

    @Test
    void withOnDeleteTheDeletionNamesTheReasons() {
      Decision decision = decide(Scenario.running(3).onDelete()
          .newTemplate(i -> new TemplateInputs(Optional.of("hyperbytedb:0.8.6"), Optional.of("config-2"),
              i.certificateHash(), i.restartedAt())), NOW);

      assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class, d -> {
        assertThat(d.reason()).isEqualTo(Action.RESTART_EVENT);
        assertThat(d.event().message()).isEqualTo("Restarting pod db-2 on revision r2;"
            + " reasons: version, config");
      });
    }

    @Test
    void aMemberAlreadyOnTheNewRevisionIsNotAnnouncedAgain() {
      Decision decision = decide(Scenario.running(3).newTemplate(requested).partition(2).podRevision(2, "r2")
          .remembering(at(2, UpgradeStep.RESTARTING, NOW)), NOW.plusSeconds(1));

      assertThat(decision.actions()).noneMatch(Action.ReleaseRestart.class::isInstance);
    }

    @Test
    void theRestartThatTurnsClusterModeOnIsAScaleRestart() {
      Decision decision = decide(Scenario.running(3).newTemplate(requested).onDelete()
          .remembering(LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r2", OptionalInt.of(2),
              Optional.of(UpgradeStep.RESTARTING), NOW, List.of(), true)))), NOW);

      assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
          d -> assertThat(d.event().message()).endsWith("reason: scale"));
    }
  }

  private static String proxyCall(Action action) {
    if (action instanceof Action.ExcludeFromProxy e) {
      return "exclude " + e.backendIp() + " on " + e.proxy().podName();
    }
    if (action instanceof Action.IncludeInProxy i) {
      return "include " + i.backendIp() + " on " + i.proxy().podName();
    }
    if (action instanceof Action.DeletePod d) {
      return "delete " + d.podName();
    }
    if (action instanceof Action.ReleaseRestart r) {
      return "restart " + r.podName() + " (" + r.reasons().stream().sorted().map(RestartReason::wireName)
          .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
    return action.toString();
  }

  @Test
  void theNextMemberWaitsUntilEveryOtherMemberIsBack() {
    Decision decision = decide(Scenario.running(3).newTemplate().partition(2).podRevision(2, "r2").notReady(2)
        .remembering(LifecycleMemory.empty().withUpgrade(Optional.of(
            new UpgradeProgress("r2", OptionalInt.empty(), Optional.empty(), NOW, List.of(2))))), NOW.plusSeconds(5));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.partition()).hasValue(2);
    assertThat(decision.notices()).anyMatch(n -> n.message().contains("db-2"));
  }

  @Test
  void withAPartitionNode1GoesLast() {
    Decision decision = decide(Scenario.running(3).newTemplate().partition(1).podRevision(2, "r2").podRevision(1, "r2")
        .remembering(LifecycleMemory.empty().withUpgrade(Optional.of(
            new UpgradeProgress("r2", OptionalInt.empty(), Optional.empty(), NOW, List.of(2, 1))))), NOW);

    assertThat(decision.memory().upgrade().get().ordinal()).hasValue(0);
    assertThat(decision.partition()).hasValue(0);
  }

  @Test
  void withOnDeleteTheLeaderGoesLastWhateverItsOrdinal() {
    Decision first = decide(Scenario.running(3).leader(3).onDelete().newTemplate(), NOW);

    assertThat(first.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        d -> assertThat(d.podName()).isEqualTo("db-1"));
  }

  @Test
  void withOnDeleteAMemberLedByNodeTwoGoesAfterEveryOtherStaleMemberWhateverTheOrdinals() {
    Decision first = decide(Scenario.running(3).leader(2).onDelete().newTemplate(), NOW);
    Decision second = decide(Scenario.running(3).leader(2).onDelete().newTemplate().podRevision(2, "r2"), NOW);
    Decision last = decide(Scenario.running(3).leader(2).onDelete().newTemplate().podRevision(2, "r2")
        .podRevision(0, "r2"), NOW);

    assertThat(List.of(first, second, last)).extracting(d -> proxyCall(d.actions().get(0)))
        .containsExactly("delete db-2", "delete db-0", "delete db-1");
  }

  @Test
  void withOnDeleteLeadershipMovingToAnUpgradedMemberLeavesTheRestHighestFirst() {
    Decision decision = decide(Scenario.running(3).leader(3).onDelete().newTemplate().podRevision(2, "r2"), NOW);

    assertThat(decision.actions()).singleElement().extracting(RollingUpgradeDecisionTest::proxyCall)
        .isEqualTo("delete db-1");
  }

  @Test
  void withOnDeleteAMemberThatBecameLeaderBeforeItsRestartIsGivenUpForAnotherStaleMember() {
    Decision decision = decide(Scenario.running(3).leader(3).onDelete().newTemplate().proxies(1)
        .remembering(at(2, UpgradeStep.WAITING, NOW)), NOW.plusSeconds(10));

    assertThat(decision.actions()).extracting(RollingUpgradeDecisionTest::proxyCall)
        .containsExactly("include 10.0.0.3 on db-proxy-0");
    assertThat(decision.memory().upgrade().get().ordinal()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("UpgradeWaiting")
        && n.message().startsWith("db-2 became the Raft leader before its restart"));
  }

  @Test
  void withOnDeleteTheLastStaleMemberRestartsAlthoughItLeads() {
    Decision decision = decide(Scenario.running(3).leader(3).onDelete().newTemplate().podRevision(0, "r2")
        .podRevision(1, "r2").remembering(at(2, UpgradeStep.RESTARTING, NOW, 1, 0)), NOW);

    assertThat(decision.actions()).singleElement().extracting(RollingUpgradeDecisionTest::proxyCall)
        .isEqualTo("delete db-2");
  }

  /**
   * A cluster whose StatefulSet still had a partition when its member was released, and that switched
   * to OnDelete in the same write, lost the release: the pod still runs the old revision a poll later.
   */
  @Test
  void withOnDeleteAReadyOldPodAPollAfterItsRestartIsDeletedAgainOnce() {
    Scenario lost = Scenario.running(3).onDelete().newTemplate().remembering(at(2, UpgradeStep.REJOINING, NOW));

    Decision tooSoon = decide(lost, NOW.plusSeconds(1));
    Decision decision = decide(lost, NOW.plus(timings.poll()));

    assertThat(tooSoon.actions()).isEmpty();
    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        d -> assertThat(d.reason()).isEqualTo(Action.RESTART_EVENT));
    assertThat(decision.memory().upgrade().get().stepStartedAt()).isEqualTo(NOW.plus(timings.poll()));
  }

  @Test
  void aMemberNotBackWithinTheBoundStopsTheUpgradeAndNoOtherMemberIsTouched() {
    Scenario stuck = Scenario.running(3).newTemplate().partition(2).podRevision(2, "r2").notReady(2)
        .unreachable(2).remembering(at(2, UpgradeStep.REJOINING, NOW));

    Decision decision = decide(stuck, NOW.plus(timings.rejoinBound()));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.partition()).hasValue(2);
    assertThat(decision.notices()).anyMatch(n -> n.severity() == Notice.Severity.FAILED
        && n.reason().equals("UpgradeStalled") && n.message().contains("db-2"));
    assertThat(decision.memory().upgrade().get().ordinal()).hasValue(2);
  }

  @Test
  void progressSurvivesAnOperatorRestartThroughStatus() {
    LifecycleMemory memory = at(1, UpgradeStep.WAITING, NOW, 2);
    ObservedCluster observed = Scenario.running(3).newTemplate().proxies(1).remembering(memory).build();

    LifecycleMemory reread = LifecycleMemory.from(observed.lastStatus());

    assertThat(reread.upgrade()).isEqualTo(memory.upgrade());
  }

  @Test
  void whenEveryPodRunsTheUpdateRevisionTheUpgradeIsOverAndThePartitionIsReleased() {
    Decision decision = decide(Scenario.running(3).remembering(LifecycleMemory.empty().withUpgrade(Optional.of(
        new UpgradeProgress("r1", OptionalInt.empty(), Optional.empty(), NOW, List.of(2, 1, 0))))), NOW);

    assertThat(decision.memory().upgrade()).isEmpty();
    assertThat(decision.partition()).isEmpty();
  }

  /** 1 -> 3: members 1 and 2 start in cluster mode and wait; member 0 still runs standalone, no leader anywhere. */
  private static Scenario turningClusterModeOn() {
    return Scenario.running(3).newTemplate().noLeader().voters()
        .podRevision(1, "r2").podRevision(2, "r2")
        .member(0, f -> f.withRaftRole(Optional.empty()).withVoters(java.util.Set.of()))
        .member(1, f -> f.withRaftRole(Optional.empty()).withVoters(java.util.Set.of()))
        .member(2, f -> f.withRaftRole(Optional.empty()).withVoters(java.util.Set.of()));
  }

  @Test
  void givenOneToThreeTheStandaloneMemberRestartsFirstWithoutWaitingForVotersThatOnlyItCanAdd() {
    Decision decision = decide(turningClusterModeOn(), NOW);

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        d -> assertThat(d.podName()).isEqualTo("db-0"));
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("ClusterModeStarting");
  }

  @Test
  void givenOneToThreeWithAllPodsOnTheOldRevisionTheStandaloneMemberStillRestartsFirst() {
    Decision decision = decide(turningClusterModeOn().podRevision(1, "r1").podRevision(2, "r1"), NOW);

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        d -> assertThat(d.podName()).isEqualTo("db-0"));
  }

  @Test
  void givenOneToThreeButANewMemberIsNotUpTheStandaloneMemberWaits() {
    Decision decision = decide(turningClusterModeOn().notReady(2), NOW);

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("UpgradeWaiting"));
  }

  @Test
  void givenAFormedClusterWithoutALeaderTheUpgradeStillWaitsForVoters() {
    Decision decision = decide(Scenario.running(3).newTemplate().noLeader().podRevision(2, "r2"), NOW);

    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("UpgradeWaiting"));
    assertThat(decision.memory().upgrade()).hasValueSatisfying(u -> assertThat(u.ordinal()).isEmpty());
  }
}
