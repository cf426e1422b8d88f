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

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final StatusPacing pacing = new StatusPacing(PERIOD, now::get);

  @Test
  void aClusterBeingCreatedIsWrittenAMinuteAfterItWasFirstSeenAtTheEarliest() {
    assertThat(pacing.wait(KEY, null, status("Pending", 0, "False", "MembersNotReady", "no pods")))
        .contains(StatusPacing.MOST);
    now.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(pacing.wait(KEY, null, status("Initializing", 1, "False", "MembersNotReady", "hdb-0 starting")))
        .contains(Duration.ofSeconds(40));
    now.addAndGet(Duration.ofSeconds(40).toNanos());
    assertThat(pacing.wait(KEY, null, status("Initializing", 3, "False", "MembersNotReady", "3 starting"))).isEmpty();
  }

  @Test
  void aCreationThatLastsIsWrittenOnceAMinuteSayingWhatItWaitsFor() {
    HyperbytedbClusterStatus stored = status("Initializing", 1, "False", "MembersNotReady", "hdb-0 starting");
    pacing.wait(KEY, null, stored);
    pacing.written(KEY);

    for (int minute = 0; minute < 3; minute++) {
      HyperbytedbClusterStatus stuck = status("Initializing", 2, "False", "MembersUnhealthy", "hdb-1 failing");
      assertThat(pacing.wait(KEY, stored, stuck)).as("right after a write").contains(StatusPacing.MOST);
      now.addAndGet(StatusPacing.MOST.toNanos());
      assertThat(pacing.wait(KEY, stored, stuck)).as("a minute later").isEmpty();
      pacing.written(KEY);
      stored = stuck;
    }
  }

  @Test
  void aPhasePastCreationWithEveryMemberReadyIsWrittenAtOnce() {
    assertThat(pacing.wait(KEY, null, status("Running", 3, "True", "AllMembersReady", "all Ready"))).isEmpty();
    assertThat(pacing.wait(KEY, null, status("Failed", 3, "False", "MembersNotReady", "hdb-0 failed"))).isEmpty();
  }

  @Test
  void theEndOfACreationWaitsAtMostThePeriodForTheLastMemberToBeReady() {
    HyperbytedbClusterStatus stored = status("Initializing", 2, "False", "MembersNotReady", "hdb-2 joining");
    pacing.written(KEY);
    now.addAndGet(Duration.ofSeconds(30).toNanos());

    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .contains(PERIOD);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .as("the window runs from the first pass that found Raft formed").contains(Duration.ofSeconds(2));
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .as("Ready not within the window: Running alone").isEmpty();
  }

  @Test
  void theEndOfACreationWithTheLastMemberReadyWithinThePeriodIsOneWrite() {
    HyperbytedbClusterStatus stored = status("Initializing", 2, "False", "MembersNotReady", "hdb-2 joining");
    pacing.written(KEY);
    assertThat(pacing.wait(KEY, stored, status("Running", 3, "False", "MembersNotReady", "hdb-2 not Ready")))
        .contains(PERIOD);
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(pacing.wait(KEY, stored, status("Running", 3, "True", "AllMembersReady", "all Ready"))).isEmpty();
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
