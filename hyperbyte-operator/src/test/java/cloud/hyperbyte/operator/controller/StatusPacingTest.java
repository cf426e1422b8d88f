package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusPacingTest {

  private static final Duration PERIOD = Duration.ofSeconds(3);
  private static final ResourceKey KEY = new ResourceKey(ResourceKind.CLUSTER, "ns", "db");

  private static final long START = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(START);
  private final StatusPacing pacing = new StatusPacing(PERIOD, now::get);

  @Test
  void aCreationThatMovesIsNotWrittenWhileItMoves() {
    Duration step = Duration.ofSeconds(50);
    for (int replicas = 0; replicas < 4; replicas++) {
      assertThat(pacing.wait(KEY, null, status("Initializing", replicas, "False", "MembersNotReady", "starting")))
          .as("%d pods after %d steps", replicas, replicas).contains(StatusPacing.MOST);
      now.addAndGet(step.toNanos());
    }
  }

  @Test
  void whatBlocksACreationIsWrittenAtOnceAndSoIsItsEnd() {
    HyperbytedbClusterStatus blocked = status("Pending", 0, "False", "MembersNotReady", "no pods");
    blocked.setConditions(List.of(blocked.getConditions().get(0), new ConditionBuilder().withType("CrdsInstalled")
        .withStatus("False").withReason("Missing").withMessage("CRD servicemonitors… is not installed").build()));
    assertThat(pacing.wait(KEY, null, blocked)).as("a missing CRD").isEmpty();
    pacing.written(KEY);

    HyperbytedbClusterStatus unblocked = status("Pending", 0, "False", "MembersNotReady", "no pods");
    unblocked.setConditions(List.of(unblocked.getConditions().get(0), new ConditionBuilder()
        .withType("CrdsInstalled").withStatus("True").withReason("Installed").build()));
    assertThat(pacing.wait(KEY, blocked, unblocked)).as("the CRD installed").isEmpty();

    HyperbytedbClusterStatus fine = status("Pending", 0, "False", "MembersNotReady", "no pods");
    fine.setConditions(List.of(fine.getConditions().get(0), new ConditionBuilder().withType("Degraded")
        .withStatus("True").withReason("MemberUnreachable").build()));
    assertThat(pacing.wait(KEY, null, fine)).as("members not answering yet: creation progress")
        .contains(StatusPacing.MOST);
  }

  @Test
  void aCreationThatStallsIsWrittenAMinuteAfterItLastMovedAndOnceOnly() {
    assertThat(pacing.wait(KEY, null, status("Pending", 0, "False", "MembersNotReady", "no pods")))
        .contains(StatusPacing.MOST);
    now.addAndGet(Duration.ofSeconds(20).toNanos());
    HyperbytedbClusterStatus stuck = status("Initializing", 1, "False", "MembersNotReady", "hdb-0 starting");
    assertThat(pacing.wait(KEY, null, stuck)).as("moved").contains(StatusPacing.MOST);
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    HyperbytedbClusterStatus sameButMessage = status("Initializing", 1, "False", "MembersNotReady", "still");
    assertThat(pacing.wait(KEY, null, sameButMessage)).as("a message is no move").contains(Duration.ofSeconds(30));
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(pacing.wait(KEY, null, stuck)).as("stalled for a minute").isEmpty();
    pacing.written(KEY);

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(pacing.wait(KEY, stuck, sameButMessage)).as("after the write").contains(Duration.ofSeconds(50));
  }

  @Test
  void aCreationThatKeepsMovingWithoutEndingIsWrittenAfterFiveMinutes() {
    Duration step = Duration.ofSeconds(50);
    for (int i = 0; i < 6; i++) {
      assertThat(pacing.wait(KEY, null, status("Initializing", i % 2, "False", "MembersNotReady", "flapping")))
          .isPresent();
      now.addAndGet(step.toNanos());
    }
    assertThat(now.get() - START).isEqualTo(StatusPacing.CREATION_MOST.toNanos());
    assertThat(pacing.wait(KEY, null, status("Initializing", 0, "False", "MembersNotReady", "flapping"))).isEmpty();
  }

  @Test
  void theFirstVersionOfACreationIsProgress() {
    HyperbytedbClusterStatus stored = status("Pending", 0, "False", "MembersNotReady", "no pods");
    pacing.written(KEY);
    HyperbytedbClusterStatus everyPodReady = status("Initializing", 3, "False", "MembersNotReady", "not formed");
    everyPodReady.setCurrentVersion("0.8.5");

    assertThat(pacing.wait(KEY, stored, everyPodReady)).contains(StatusPacing.MOST);
  }

  @Test
  void aPhasePastCreationWithEveryMemberReadyIsWrittenAtOnce() {
    assertThat(pacing.wait(KEY, null, status("Running", 3, "True", "AllMembersReady", "all Ready"))).isEmpty();
    assertThat(pacing.wait(KEY, null, status("Failed", 3, "False", "MembersNotReady", "hdb-0 failed"))).isEmpty();
  }

  @Test
  void aCreationEndsWhenEveryMemberIsReadySoRunningAndReadyMakeOneWrite() {
    HyperbytedbClusterStatus stored = status("Initializing", 2, "False", "MembersNotReady", "hdb-2 joining");
    pacing.written(KEY);
    now.addAndGet(Duration.ofSeconds(30).toNanos());

    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .as("formed, a member not Ready yet: the creation moved").contains(StatusPacing.MOST);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "True", "AllMembersReady", "all Ready"))).isEmpty();
  }

  @Test
  void aCreationThatFormsButStallsBeforeReadyIsWrittenAMinuteLater() {
    HyperbytedbClusterStatus stored = status("Initializing", 2, "False", "MembersNotReady", "hdb-2 joining");
    pacing.written(KEY);
    HyperbytedbClusterStatus formed = status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready");
    pacing.wait(KEY, stored, formed);
    now.addAndGet(StatusPacing.MOST.toNanos());

    assertThat(pacing.wait(KEY, stored, formed)).isEmpty();
  }

  @Test
  void theEndOfACreationWaitsForNothingWhenOtherNewsComesWithIt() {
    HyperbytedbClusterStatus stored = status("Initializing", 2, "False", "MembersNotReady", "hdb-2 joining");
    pacing.written(KEY);
    HyperbytedbClusterStatus newGeneration = status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready");
    newGeneration.setObservedGeneration(2L);

    assertThat(pacing.wait(KEY, stored, newGeneration)).isEmpty();
  }

  @Test
  void progressAfterAWriteWaitsThePeriodFromThatWrite() {
    HyperbytedbClusterStatus stored = status("Running", 1, "False", "MembersNotReady", "two starting");
    HyperbytedbClusterStatus lessReady = status("Running", 0, "False", "MembersNotReady", "three starting");
    pacing.wait(KEY, stored, lessReady);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    pacing.written(KEY);
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    HyperbytedbClusterStatus moreMembers = status("Running", 2, "False", "MembersNotReady", "one starting");
    moreMembers.setMembers(List.of(new MemberStatus(), new MemberStatus()));
    moreMembers.setReadyReplicas(2);
    moreMembers.setClusterState("Degraded");

    // the write 1 s ago was progress alone: the next waits twice the period from it
    assertThat(pacing.wait(KEY, stored, moreMembers)).contains(Duration.ofSeconds(5));
  }

  @Test
  void aConditionStatusOrReasonAGenerationOrOperationMemoryIsWrittenAtOnce() {
    HyperbytedbClusterStatus stored = status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready");
    pacing.written(KEY);

    assertThat(pacing.wait(KEY, stored, status("Running", 3, "True", "AllMembersReady", "all Ready"))).isEmpty();
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersUnhealthy", "hdb-2 not Ready")))
        .isEmpty();
    HyperbytedbClusterStatus newGeneration = status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready");
    newGeneration.setObservedGeneration(2L);
    assertThat(pacing.wait(KEY, stored, newGeneration)).isEmpty();
    HyperbytedbClusterStatus failedOver = status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready");
    failedOver.setFailoverCount(1);
    assertThat(pacing.wait(KEY, stored, failedOver)).isEmpty();
  }

  @Test
  void eachWriteOfProgressAloneDoublesTheWaitUpToAMinuteAndNewsBringsItBack() {
    HyperbytedbClusterStatus stored = status("Running", 3, "True", "AllMembersReady", "all Ready");
    HyperbytedbClusterStatus progress = status("Running", 2, "True", "AllMembersReady", "all Ready");
    pacing.written(KEY);
    for (Duration expected : List.of(PERIOD, PERIOD.multipliedBy(2), PERIOD.multipliedBy(4), PERIOD.multipliedBy(8),
        PERIOD.multipliedBy(16), StatusPacing.MOST, StatusPacing.MOST)) {
      assertThat(pacing.wait(KEY, stored, progress)).as("wait after a progress write").contains(expected);
      now.addAndGet(expected.toNanos());
      assertThat(pacing.wait(KEY, stored, progress)).isEmpty();
      pacing.written(KEY);
    }

    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .as("news").isEmpty();
    pacing.written(KEY);
    assertThat(pacing.wait(KEY, stored, progress)).contains(PERIOD);
  }

  @Test
  void whileAClusterIsCreatedItsConditionsAreProgress() {
    HyperbytedbClusterStatus stored = status("Initializing", 1, "False", "MembersNotReady", "starting");
    pacing.written(KEY);

    assertThat(pacing.wait(KEY, stored, status("Initializing", 3, "False", "MembersUnhealthy", "3 unhealthy")))
        .contains(StatusPacing.MOST);
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "True", "AllMembersReady", "formed"))).isEmpty();
  }

  @Test
  void aForgottenClusterStartsAfresh() {
    pacing.written(KEY);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    pacing.forget(KEY);

    HyperbytedbClusterStatus stored = status("Running", 3, "True", "AllMembersReady", "all Ready");
    HyperbytedbClusterStatus progress = status("Running", 2, "True", "AllMembersReady", "all Ready");
    assertThat(pacing.wait(KEY, stored, progress)).isEqualTo(Optional.of(PERIOD));
  }

  private static HyperbytedbClusterStatus status(String phase, int replicas, String ready, String reason,
      String message) {
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase(phase);
    status.setObservedGeneration(1L);
    status.setReplicas(replicas);
    status.setFailoverCount(0);
    Condition condition = new ConditionBuilder().withType("Ready").withStatus(ready).withReason(reason)
        .withMessage(message).withLastTransitionTime("2026-01-01T00:00:0" + replicas + "Z").build();
    status.setConditions(List.of(condition));
    return status;
  }
}
