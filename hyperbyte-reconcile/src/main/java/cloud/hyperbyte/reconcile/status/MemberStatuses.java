package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code status.members[]}: one entry per member pod, by ordinal. */
public final class MemberStatuses {

  private MemberStatuses() {}

  public static List<MemberStatus> of(ObservedCluster observed, LifecycleMemory memory) {
    List<MemberStatus> members = new ArrayList<>();
    for (ObservedPod pod : observed.pods().stream().sorted(Comparator.comparingInt(ObservedPod::ordinal)).toList()) {
      Optional<MemberFacts> facts = observed.facts(pod.ordinal());
      MemberStatus member = new MemberStatus();
      member.setName(pod.name());
      member.setPodName(pod.name());
      member.setNodeId(pod.ordinal() + 1);
      member.setState(facts.filter(MemberFacts::reachable)
          .map(f -> f.state().map(NodeState::wireName).orElse("unknown"))
          .orElse("Unreachable"));
      member.setHealth(facts.map(MemberFacts::healthy).orElse(false));
      facts.flatMap(MemberFacts::raftRole).map(RaftRole::displayName).ifPresent(member::setRaftRole);
      observed.voters().ifPresent(v -> member.setVoter(v.contains(pod.ordinal() + 1L)));
      facts.ifPresent(f -> f.walSequence().ifPresent(member::setWalSequence));
      facts.flatMap(MemberFacts::peersSeen).ifPresent(p -> member.setPeerCount(p.size()));
      pod.revision().ifPresent(member::setRevision);
      Optional.ofNullable(memory.unhealthySince().get(pod.ordinal())).map(Instant::toString)
          .ifPresent(member::setUnhealthySince);
      member.setPodUid(pod.uid().isEmpty() ? null : pod.uid());
      members.add(member);
    }
    return members;
  }
}
