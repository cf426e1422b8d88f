package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailoverDecisionTest {

  private static Decision decide(Scenario scenario, Instant now, Set<Integer> out) {
    ObservedCluster observed = scenario.build();
    return FailoverDecision.decide(observed, LifecycleMemory.from(observed.lastStatus()), out, now);
  }

  private static LifecycleMemory unhealthy(int ordinal, Instant since) {
    return LifecycleMemory.empty().withUnhealthySince(Map.of(ordinal, since));
  }

  @Test
  void aMemberThatBecomesUnhealthyIsRememberedFromNow() {
    Decision decision = decide(Scenario.running(3).unreachable(2), NOW, Set.of());

    assertThat(decision.memory().unhealthySince()).containsEntry(2, NOW);
    assertThat(decision.actions()).isEmpty();
    assertThat(decision.requeueAt()).contains(NOW.plusSeconds(300));
  }

  @Test
  void afterFailoverTimeoutSecsThePodIsDeletedAndCounted() {
    Decision decision = decide(Scenario.running(3).unreachable(2).remembering(unhealthy(2, NOW)),
        NOW.plusSeconds(300), Set.of());

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class, d -> {
      assertThat(d.podName()).isEqualTo("db-2");
      assertThat(d.podUid()).isEqualTo("uid-2");
      assertThat(d.reason()).isEqualTo("MemberFailover");
    });
    assertThat(decision.memory().failoverCount()).isEqualTo(1);
  }

  @Test
  void aReplacementPodGetsItsOwnTimeoutWhenTheStatusWriteAfterTheFailoverWasLost() {
    Decision noticed = decide(Scenario.running(3).unreachable(2), NOW, Set.of());
    Decision failedOver = decide(Scenario.running(3).unreachable(2).remembering(noticed.memory()),
        NOW.plusSeconds(300), Set.of());
    assertThat(failedOver.actions()).singleElement().isInstanceOf(Action.DeletePod.class);

    // the status write of the failover pass is lost: the next pass reads what the first pass wrote
    Decision replacement = decide(Scenario.running(3).unreachable(2).replacedPod(2).remembering(noticed.memory()),
        NOW.plusSeconds(301), Set.of());

    assertThat(replacement.actions()).as("the replacement pod is not failed over on its predecessor's time").isEmpty();
    assertThat(replacement.memory().unhealthySince()).containsEntry(2, NOW.plusSeconds(301));
    assertThat(replacement.memory().unhealthyPods()).containsEntry(2, "uid-2-replacement");
    assertThat(replacement.requeueAt()).contains(NOW.plusSeconds(601));
  }

  @Test
  void theSameUnhealthyPodKeepsItsSinceAcrossPasses() {
    Decision noticed = decide(Scenario.running(3).unreachable(2), NOW, Set.of());

    Decision later = decide(Scenario.running(3).unreachable(2).remembering(noticed.memory()), NOW.plusSeconds(100),
        Set.of());

    assertThat(later.memory().unhealthySince()).containsEntry(2, NOW);
    assertThat(later.requeueAt()).contains(NOW.plusSeconds(300));
  }

  @Test
  void aMemberThatRecoveredIsForgotten() {
    Decision decision = decide(Scenario.running(3).remembering(unhealthy(2, NOW)), NOW.plusSeconds(400), Set.of());

    assertThat(decision.memory().unhealthySince()).isEmpty();
    assertThat(decision.actions()).isEmpty();
  }

  @Test
  void neverWhenTheOtherVotersWouldNotKeepAHealthyMajority() {
    Decision decision = decide(Scenario.running(3).unreachable(1).unreachable(2)
        .remembering(LifecycleMemory.empty().withUnhealthySince(Map.of(1, NOW, 2, NOW))), NOW.plusSeconds(300),
        Set.of());

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("FailoverWithheld")
        && n.message().contains("1 of 3 voters are healthy"));
  }

  @Test
  void atMostMaxFailoverCountAtOnceCountingPodsStillTerminating() {
    Decision decision = decide(Scenario.running(5).unreachable(3).unreachable(4).terminating(4)
        .remembering(LifecycleMemory.empty().withUnhealthySince(Map.of(3, NOW))), NOW.plusSeconds(300), Set.of());

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.message().contains("maxFailoverCount"));
  }

  @Test
  void membersTakenOutOnPurposeAreNotTracked() {
    Decision decision = decide(Scenario.running(3).unreachable(2).remembering(unhealthy(2, NOW)),
        NOW.plusSeconds(300), Set.of(2));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.memory().unhealthySince()).isEmpty();
  }

  @Test
  void disabledFailoverOnlyTracks() {
    Decision decision = decide(Scenario.running(3).unreachable(2).remembering(unhealthy(2, NOW))
        .spec(s -> s.withFailover(cloud.hyperbyte.model.spec.ImmutableFailoverSettings.copyOf(s.failover())
            .withEnabled(false))), NOW.plusSeconds(900), Set.of());

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.memory().unhealthySince()).containsEntry(2, NOW);
  }
}
