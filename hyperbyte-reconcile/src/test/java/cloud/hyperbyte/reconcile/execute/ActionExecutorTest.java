package cloud.hyperbyte.reconcile.execute;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyAdmin.Exclusion;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ActionExecutorTest {

  private static final ClusterRef CLUSTER = new ClusterRef(TestClusters.NAMESPACE, TestClusters.NAME);
  private static final RetryDelays DELAYS = new RetryDelays(
      Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(7));

  private static final MemberAddress NODE_1 = member(0);
  private static final MemberAddress NODE_3 = member(2);
  private static final ProxyEndpoint PROXY_0 = new ProxyEndpoint("db-proxy-0", "10.1.0.1", 8087);

  private static final Action ADD_3 = new Action.AddMember(NODE_1, NODE_3, "it answers and is not a voter");
  private static final Action REMOVE_3 = new Action.RemoveMember(NODE_1, NODE_3);
  private static final Action DRAIN_3 = new Action.DrainMember(NODE_3);
  private static final Action RESTART_3 = new Action.DeletePod("db-2", "uid-2", 2, "MemberUpgrade", "new revision r2");
  private static final Action DELETE_PVC_3 = new Action.DeletePvc("data-db-2", 2);
  private static final Action EXCLUDE_3 = new Action.ExcludeFromProxy(PROXY_0, "10.0.0.3", 2, "db-2");
  private static final Action INCLUDE_3 = new Action.IncludeInProxy(PROXY_0, "10.0.0.3", 2, "db-2");
  private static final Action RESIZE_3 = new Action.ResizeVolume("data-db-2", 2, "20Gi", "10Gi");
  private static final Action ORPHAN = new Action.OrphanStatefulSet("db", "sts-uid", "with 20Gi volume claims");

  private final RecordingPorts ports = new RecordingPorts();

  private static MemberAddress member(int ordinal) {
    return MemberAddress.of(TestClusters.spec(3), ordinal);
  }

  private ExecutionResult execute(Action... actions) {
    return new ActionExecutor(ports, ports, ports, DELAYS).execute(CLUSTER, List.of(actions));
  }

  static Stream<Arguments> eachActionAndItsCall() {
    return Stream.of(
        Arguments.of(ADD_3, "add-node 3 " + NODE_3.clusterAddress() + " promote=true via 1", "Normal MemberAdded db-2"),
        Arguments.of(REMOVE_3, "remove-node 3 via 1", "Normal MemberRemoved db-2"),
        Arguments.of(DRAIN_3, "drain db-2", "Normal MemberDraining db-2"),
        Arguments.of(RESTART_3, "delete pod prod/db-2 uid uid-2", "Warning MemberUpgrade db-2"),
        Arguments.of(DELETE_PVC_3, "delete pvc prod/data-db-2", "Normal VolumeDeleted -"),
        Arguments.of(EXCLUDE_3, "exclude 10.0.0.3 on db-proxy-0", "Normal MemberExcluded db-2"),
        Arguments.of(INCLUDE_3, "include 10.0.0.3 on db-proxy-0", "Normal MemberIncluded db-2"),
        Arguments.of(RESIZE_3, "resize pvc prod/data-db-2 to 20Gi", "Normal VolumeResizeRequested -"),
        Arguments.of(ORPHAN, "orphan statefulset prod/db uid sts-uid", "Normal StatefulSetReplacing -"));
  }

  /** Issue 13, defect 3: an instance whose leadership lapses mid-pass stops at its next action. */
  @Test
  void onceTheFenceClosesNoFurtherActionReachesAMemberAProxyOrTheApi() {
    java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger(1);
    cloud.hyperbyte.reconcile.port.Fence closesAfterOne = action -> {
      if (allowed.getAndDecrement() <= 0) {
        throw new cloud.hyperbyte.reconcile.port.FencedException("leadership lapsed before " + action);
      }
    };

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ActionExecutor(ports, ports, ports, DELAYS,
            closesAfterOne).execute(CLUSTER, List.of(EXCLUDE_3, RESTART_3, DRAIN_3)))
        .isInstanceOf(cloud.hyperbyte.reconcile.port.FencedException.class)
        .hasMessageContaining("DeletePod on prod/db-2");
    assertThat(ports.calls()).containsExactly("exclude 10.0.0.3 on db-proxy-0");
  }

  @ParameterizedTest(name = "{0} calls {1}")
  @MethodSource("eachActionAndItsCall")
  void eachActionMakesItsOneCallThenRecordsItsEvent(Action action, String call, String event) {
    ExecutionResult result = execute(action);

    assertThat(ports.journal()).containsExactly(call, "event " + event);
    assertThat(result.completed()).containsExactly(action);
    assertThat(result.statusWritable()).isTrue();
    assertThat(result.retryAfter()).isEmpty();
  }

  /** Issue 16, item 4: the admin user is created, or its password set when it exists already. */
  @Test
  void applyingAdminCredentialsCreatesTheUserOrSetsThePasswordOfOneThatExists() {
    var admin = new cloud.hyperbyte.reconcile.port.AdminCredentials("admin", "s3cret");
    var create = new Action.ApplyAdminCredentials(NODE_1, java.util.Optional.empty(), admin, true);
    var change = new Action.ApplyAdminCredentials(NODE_1, java.util.Optional.of(admin),
        new cloud.hyperbyte.reconcile.port.AdminCredentials("admin", "n3w"), false);

    execute(create);
    ports.userExists = true;
    execute(create);
    execute(change);

    assertThat(ports.journal()).containsExactly(
        "create user admin on db-0 as -", "event Normal AdminUserCreated db-0",
        "create user admin on db-0 as -", "set password admin on db-0 as -", "event Normal AdminUserCreated db-0",
        "set password admin on db-0 as admin", "event Normal AdminPasswordChanged db-0");
  }

  @Test
  void actionsRunInPlanOrderAcrossPorts() {
    ExecutionResult result = execute(EXCLUDE_3, RESTART_3);

    assertThat(ports.calls()).containsExactly("exclude 10.0.0.3 on db-proxy-0", "delete pod prod/db-2 uid uid-2");
    assertThat(result.completed()).containsExactly(EXCLUDE_3, RESTART_3);
  }

  @Test
  void anEmptyPlanCallsNothingAndMayWriteStatus() {
    ExecutionResult result = execute();

    assertThat(ports.journal()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.statusWritable()).isTrue();
  }

  @Test
  void runsTheActionsALifecyclePlanAsksFor() {
    var observed = Scenario.running(3, 2).build();
    LifecyclePlan plan = new ClusterLifecycle(Scenario.clockAt(Scenario.NOW), LifecycleTimings.defaults()).plan(observed);

    ExecutionResult result = new ActionExecutor(ports, ports, ports).execute(CLUSTER, plan);

    assertThat(plan.actions()).isNotEmpty();
    assertThat(result.completed()).isEqualTo(plan.actions());
    assertThat(ports.calls()).containsExactly("drain db-2");
  }

  @Nested
  class WhenAnActionFails {

    static Stream<Arguments> failures() {
      return Stream.of(
          Arguments.of(ADD_3, "add-node 3 " + NODE_3.clusterAddress() + " promote=true via 1",
              DatabaseCallException.notLeader(NODE_1, OptionalLong.of(2), "not leader"), "MemberAddFailed",
              Duration.ofSeconds(2)),
          Arguments.of(REMOVE_3, "remove-node 3 via 1",
              DatabaseCallException.httpError(NODE_1, 400, "cannot remove last raft voter"), "MemberRemoveFailed",
              Duration.ofSeconds(15)),
          Arguments.of(DRAIN_3, "drain db-2", DatabaseCallException.unreachable(NODE_3, null), "MemberDrainFailed",
              Duration.ofSeconds(5)),
          Arguments.of(DRAIN_3, "drain db-2", DatabaseCallException.timeout(NODE_3, null), "MemberDrainFailed",
              Duration.ofSeconds(5)),
          Arguments.of(RESTART_3, "delete pod prod/db-2 uid uid-2",
              new KubernetesWriteException(409, "uid precondition failed", null), "PodDeleteFailed",
              Duration.ofSeconds(1)),
          Arguments.of(DELETE_PVC_3, "delete pvc prod/data-db-2",
              new KubernetesWriteException(403, "forbidden", null), "VolumeDeleteFailed", Duration.ofSeconds(7)),
          Arguments.of(EXCLUDE_3, "exclude 10.0.0.3 on db-proxy-0",
              new ProxyCallException(CallFailure.UNREACHABLE, PROXY_0, OptionalInt.empty(), "refused", null),
              "MemberExcludeFailed", Duration.ofSeconds(5)),
          Arguments.of(INCLUDE_3, "include 10.0.0.3 on db-proxy-0",
              new ProxyCallException(CallFailure.HTTP_ERROR, PROXY_0, OptionalInt.of(500), "boom", null),
              "MemberIncludeFailed", Duration.ofSeconds(15)),
          Arguments.of(RESIZE_3, "resize pvc prod/data-db-2 to 20Gi",
              new KubernetesWriteException(403, "the storageclass must support resize", null), "VolumeResizeFailed",
              Duration.ofSeconds(7)),
          Arguments.of(ORPHAN, "orphan statefulset prod/db uid sts-uid",
              new KubernetesWriteException(409, "uid precondition failed", null), "StatefulSetReplaceFailed",
              Duration.ofSeconds(1)));
    }

    @ParameterizedTest(name = "{3} after {2}")
    @MethodSource("failures")
    void theFailureIsReportedWithAWarningAndTheStatusIsHeldBack(
        Action action, String call, Exception thrown, String reason, Duration retryAfter) {
      ports.failing(call, thrown);

      ExecutionResult result = execute(action);

      assertThat(result.completed()).isEmpty();
      assertThat(result.statusWritable()).isFalse();
      ActionFailure failure = result.failure().orElseThrow();
      assertThat(failure.action()).isEqualTo(action);
      assertThat(failure.reason()).isEqualTo(reason);
      assertThat(failure.cause()).isSameAs(thrown);
      assertThat(failure.message()).isEqualTo(thrown.getMessage());
      assertThat(result.retryAfter()).contains(retryAfter);
      assertThat(ports.events()).containsExactly(
          ClusterEvent.warning(reason, thrown.getMessage(), action.event().podName().orElse(null)));
    }

    @Test
    void laterActionsAreNotAttempted() {
      ports.failing("drain db-2", DatabaseCallException.timeout(NODE_3, null));

      ExecutionResult result = execute(EXCLUDE_3, DRAIN_3, REMOVE_3, DELETE_PVC_3);

      assertThat(ports.journal()).containsExactly(
          "exclude 10.0.0.3 on db-proxy-0", "event Normal MemberExcluded db-2",
          "drain db-2", "event Warning MemberDrainFailed db-2");
      assertThat(result.completed()).containsExactly(EXCLUDE_3);
      assertThat(result.failure().orElseThrow().action()).isEqualTo(DRAIN_3);
      assertThat(result.notRun()).containsExactly(REMOVE_3, DELETE_PVC_3);
    }

    @Test
    void anAddThatLeavesTheNodeALearnerFailsSoThatItIsRepeated() {
      ports.promotionFails();

      ExecutionResult result = execute(ADD_3, RESTART_3);

      ActionFailure failure = result.failure().orElseThrow();
      assertThat(failure.reason()).isEqualTo("MemberPromotionFailed");
      assertThat(failure.cause()).isNull();
      assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(15));
      assertThat(result.notRun()).containsExactly(RESTART_3);
      assertThat(ports.events()).extracting(ClusterEvent::reason).containsExactly("MemberPromotionFailed");
    }
  }

  @Nested
  class AnswersThatMeanTheGoalIsReached {

    @ParameterizedTest
    @EnumSource(Exclusion.class)
    void everyExclusionAnswerCountsAsExcluded(Exclusion answer) {
      ports.excludeAnswers(answer);

      assertThat(execute(EXCLUDE_3, RESTART_3).completed()).containsExactly(EXCLUDE_3, RESTART_3);
    }

    @ParameterizedTest
    @EnumSource(value = Exclusion.class, names = {"ALREADY_EXCLUDED", "NOT_IN_POOL"})
    void anExclusionThatChangedNothingRecordsNoEvent(Exclusion answer) {
      ports.excludeAnswers(answer);

      ExecutionResult result = execute(EXCLUDE_3, RESTART_3);

      assertThat(ports.journal()).containsExactly("exclude 10.0.0.3 on db-proxy-0", "delete pod prod/db-2 uid uid-2",
          "event Warning MemberUpgrade db-2");
      assertThat(result.completed()).containsExactly(EXCLUDE_3, RESTART_3);
      assertThat(result.effective()).containsExactly(RESTART_3);
    }

    @Test
    void anIncludeOfAMemberTheProxyDidNotExcludeRecordsNoEvent() {
      ports.includeAnswers(ProxyAdmin.Inclusion.NOT_EXCLUDED);

      ExecutionResult result = execute(INCLUDE_3);

      assertThat(ports.journal()).containsExactly("include 10.0.0.3 on db-proxy-0");
      assertThat(result.completed()).containsExactly(INCLUDE_3);
      assertThat(result.effective()).isEmpty();
    }

    @Test
    void removingANodeThatIsNoLongerAVoterSucceeds() {
      ports.notAVoter();

      assertThat(execute(REMOVE_3).succeeded()).isTrue();
    }
  }

  @Test
  void theDefaultDelaysWaitLongerForErrorsThanForALeaderChange() {
    RetryDelays defaults = RetryDelays.defaults();

    assertThat(defaults.after(CallFailure.NOT_LEADER)).isLessThan(defaults.after(CallFailure.UNREACHABLE));
    assertThat(defaults.after(CallFailure.UNREACHABLE)).isLessThan(defaults.after(CallFailure.HTTP_ERROR));
    assertThat(defaults.afterKubernetes(409)).isLessThan(defaults.afterKubernetes(500));
  }
}
