package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Members' database facts read back from what the operator last wrote into {@code status.members}
 * (node state, health, Raft role, voter), for a tool that cannot ask the members itself, such as
 * {@code hyperbyte plan} on {@code kubectl get} output. Every member reported Leader gets the voter
 * set the status records. {@link #assumptions()} names what the status did not say and was assumed.
 *
 * @param facts facts by ordinal, for every pod in {@code pods}
 * @param assumptions one sentence per fact that was assumed
 */
public record RecordedMemberFacts(Map<Integer, MemberFacts> facts, List<String> assumptions) {

  public RecordedMemberFacts {
    facts = Map.copyOf(facts);
    assumptions = List.copyOf(assumptions);
  }

  /**
   * The facts of {@code pods} from {@code status}. A Ready pod without a status entry is assumed
   * Active and healthy; with several members, a status that names no leader makes the lowest ordinal
   * the leader (node 1 bootstraps Raft) and every member a voter.
   */
  public static RecordedMemberFacts from(HyperbytedbClusterStatus status, List<ObservedPod> pods) {
    Map<Integer, MemberStatus> recorded = new TreeMap<>();
    for (MemberStatus member : Optional.ofNullable(status.getMembers()).orElse(List.of())) {
      if (member.getNodeId() != null && member.getNodeId() >= 1) {
        recorded.put(member.getNodeId() - 1, member);
      }
    }
    List<String> assumptions = new ArrayList<>();
    List<ObservedPod> live = pods.stream().filter(p -> !p.terminating()).toList();
    boolean leaderRecorded = recorded.values().stream().anyMatch(m -> isLeader(m));
    boolean votersRecorded = recorded.values().stream().anyMatch(m -> m.getVoter() != null);
    boolean clusterMode = live.size() > 1 || recorded.values().stream().anyMatch(m -> m.getRaftRole() != null);
    Set<Long> voters = recorded.entrySet().stream()
        .filter(e -> Boolean.TRUE.equals(e.getValue().getVoter()))
        .map(e -> e.getKey() + 1L)
        .collect(Collectors.toSet());
    if (clusterMode && !votersRecorded) {
      voters = live.stream().map(p -> p.ordinal() + 1L).collect(Collectors.toSet());
      assumptions.add("status.members records no Raft voters: every member pod is assumed a voter");
    }
    int assumedLeader = clusterMode && !leaderRecorded && !live.isEmpty() ? live.get(0).ordinal() : -1;
    if (assumedLeader >= 0) {
      assumptions.add("status.members names no Raft leader: " + live.get(0).name()
          + " (node " + (assumedLeader + 1) + ") is assumed to lead");
    }
    Optional<Long> leaderId = recorded.entrySet().stream().filter(e -> isLeader(e.getValue()))
        .map(e -> e.getKey() + 1L).findFirst();
    if (assumedLeader >= 0) {
      leaderId = Optional.of(assumedLeader + 1L);
    }
    Map<Integer, MemberFacts> facts = new TreeMap<>();
    for (ObservedPod pod : pods) {
      MemberStatus member = recorded.get(pod.ordinal());
      long nodeId = pod.ordinal() + 1L;
      if (pod.terminating() || (member != null && "Unreachable".equals(member.getState()))) {
        facts.put(pod.ordinal(), MemberFacts.unreachable(pod.ordinal(), nodeId, CallFailure.UNREACHABLE,
            pod.terminating() ? "pod is terminating" : "status.members says Unreachable"));
        continue;
      }
      if (member == null && !pod.ready()) {
        facts.put(pod.ordinal(), MemberFacts.unreachable(pod.ordinal(), nodeId, CallFailure.UNREACHABLE,
            "pod is not Ready and status.members has no entry"));
        continue;
      }
      if (member == null) {
        assumptions.add(pod.name() + " has no entry in status.members: assumed Active and healthy, with data written"
            + " (so with async replication its drain on the way down times out and its peers keep it)");
      }
      Optional<NodeState> state = member == null ? Optional.of(NodeState.ACTIVE)
          : Optional.ofNullable(member.getState()).flatMap(NodeState::fromWire);
      boolean healthy = member == null || member.getHealth() == null ? state.equals(Optional.of(NodeState.ACTIVE))
          : member.getHealth();
      ImmutableMemberFacts.Builder builder = ImmutableMemberFacts.builder()
          .ordinal(pod.ordinal())
          .nodeId(nodeId)
          .reachable(true)
          .health(healthy ? NodeHealth.pass() : NodeHealth.notActive(state.orElse(NodeState.DISCONNECTED)));
      state.ifPresent(builder::state);
      if (member != null && member.getWalSequence() != null) {
        builder.walSequence(member.getWalSequence());
      }
      if (clusterMode) {
        boolean leads = leaderId.equals(Optional.of(nodeId));
        Optional<RaftRole> role = member == null ? Optional.empty()
            : Optional.ofNullable(member.getRaftRole()).flatMap(RaftRole::fromWire);
        builder.raftRole(leads ? RaftRole.LEADER : role.filter(r -> r != RaftRole.LEADER).orElse(RaftRole.FOLLOWER))
            .voters(voters).term(1);
        leaderId.ifPresent(builder::leaderId);
      }
      facts.put(pod.ordinal(), builder.build());
    }
    return new RecordedMemberFacts(facts, assumptions);
  }

  private static boolean isLeader(MemberStatus member) {
    return member.getRaftRole() != null && RaftRole.fromWire(member.getRaftRole()).equals(Optional.of(RaftRole.LEADER));
  }
}
