package cloud.hyperbyte.reconcile.properties;

import cloud.hyperbyte.model.spec.ImmutableFailoverSettings;
import cloud.hyperbyte.model.spec.ImmutablePvcRetentionSettings;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One generated observation, as the choices that made it: readable in a shrunk counterexample and
 * turned into an {@link ObservedCluster} through the decision tests' {@link Scenario}, so that a
 * counterexample can be pasted into an example test almost word for word.
 *
 * @param running StatefulSet replicas (pods 0..running-1 exist unless a member says otherwise)
 * @param specReplicas replicas the spec asks for
 * @param extraPods pods above {@code running - 1} that still exist (a shrink in flight)
 * @param leader the node every member names as leader and that reports LEADER; empty: none known
 * @param voters the voter set every member reports; empty: nodes 1..running
 * @param learners learners every member reports
 * @param members per ordinal 0..6; only those with a pod are used
 * @param settings spec and StatefulSet settings
 * @param memory what the last status remembered
 */
record ClusterPicture(
    int running,
    int specReplicas,
    int extraPods,
    Optional<Long> leader,
    Optional<Set<Long>> voters,
    Set<Long> learners,
    List<MemberPicture> members,
    Settings settings,
    LifecycleMemory memory) {

  /** What one member's pod and database show. */
  record MemberPicture(
      boolean podMissing,
      boolean notReady,
      boolean terminating,
      boolean onUpdateRevision,
      boolean unreachable,
      NodeState state,
      boolean healthFails,
      boolean raftSilent,
      boolean claimsLeadership,
      boolean dropsPeers) {

    /** Only what differs from a healthy member, e.g. {@code [notReady, state=DRAINING]}. */
    @Override
    public String toString() {
      if (podMissing) {
        return "[podMissing]";
      }
      List<String> odd = new ArrayList<>();
      Map.of("notReady", notReady, "terminating", terminating, "onUpdateRevision", onUpdateRevision,
              "unreachable", unreachable, "healthFails", healthFails, "raftSilent", raftSilent,
              "claimsLeadership", claimsLeadership, "dropsPeers", dropsPeers)
          .forEach((name, set) -> {
            if (set) {
              odd.add(name);
            }
          });
      Collections.sort(odd);
      if (state != NodeState.ACTIVE) {
        odd.add("state=" + state);
      }
      return odd.toString();
    }
  }

  /**
   * @param newTemplate the StatefulSet's update revision is r2 (pods run r1 unless on the update revision)
   * @param onDelete OnDelete instead of a partitioned RollingUpdate
   * @param partition live partition; empty: equal to the replicas
   * @param proxies proxy pods
   * @param paused {@code spec.paused}
   * @param held a restore holds the cluster
   * @param deletePvcWhenScaled {@code persistentVolumeClaimRetention.whenScaled: Delete}
   * @param failoverEnabled failover on
   * @param maxFailoverCount {@code maxFailoverCount}
   * @param failoverTimeoutSecs {@code failoverTimeoutSecs}
   */
  record Settings(
      boolean newTemplate,
      boolean onDelete,
      OptionalInt partition,
      int proxies,
      boolean paused,
      boolean held,
      boolean deletePvcWhenScaled,
      boolean failoverEnabled,
      int maxFailoverCount,
      int failoverTimeoutSecs) {

    Settings paused(boolean value) {
      return new Settings(newTemplate, onDelete, partition, proxies, value, held, deletePvcWhenScaled, failoverEnabled,
          maxFailoverCount, failoverTimeoutSecs);
    }

    Settings proxies(int value) {
      return new Settings(newTemplate, onDelete, partition, value, paused, held, deletePvcWhenScaled, failoverEnabled,
          maxFailoverCount, failoverTimeoutSecs);
    }

    /** An upgrade under {@code OnDelete}: a new template, no partition. */
    Settings onDeleteUpgrade() {
      return new Settings(true, true, OptionalInt.empty(), proxies, paused, held, deletePvcWhenScaled, failoverEnabled,
          maxFailoverCount, failoverTimeoutSecs);
    }

    Settings held(boolean value) {
      return new Settings(newTemplate, onDelete, partition, proxies, paused, value, deletePvcWhenScaled, failoverEnabled,
          maxFailoverCount, failoverTimeoutSecs);
    }
  }

  /** The members that take part, by ordinal, healthy ones left out. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("running=" + running + " specReplicas=" + specReplicas + " extraPods="
        + extraPods + " leader=" + leader.map(String::valueOf).orElse("none") + " voters="
        + voters.map(String::valueOf).orElse("1.." + running) + " learners=" + learners + "\n  members:");
    for (int ordinal = 0; ordinal <= highestOrdinal(); ordinal++) {
      if (!members.get(ordinal).toString().equals("[]")) {
        text.append(" ").append(ordinal).append("=").append(members.get(ordinal));
      }
    }
    return text.append("\n  ").append(settings).append("\n  ").append(memory).toString();
  }

  ClusterPicture withSettings(Settings value) {
    return new ClusterPicture(running, specReplicas, extraPods, leader, voters, learners, members, value, memory);
  }

  ClusterPicture withMemory(LifecycleMemory value) {
    return new ClusterPicture(running, specReplicas, extraPods, leader, voters, learners, members, settings, value);
  }

  /** The observation with the status remembering {@link #memory()}. */
  ObservedCluster observe() {
    return observe(memory);
  }

  /** The same observation, with a status that remembers {@code remembered} instead. */
  ObservedCluster observe(LifecycleMemory remembered) {
    return scenario().remembering(remembered).build();
  }

  /** Highest ordinal that has a pod, or might: running members and the extra pods. */
  int highestOrdinal() {
    return Math.min(running + extraPods, members.size()) - 1;
  }

  private Scenario scenario() {
    Scenario scenario = Scenario.running(running, specReplicas)
        .spec(s -> s.withPaused(settings.paused()))
        .spec(s -> s.withFailover(ImmutableFailoverSettings.builder()
            .enabled(settings.failoverEnabled())
            .maxFailoverCount(settings.maxFailoverCount())
            .failoverTimeoutSecs(settings.failoverTimeoutSecs())
            .build()))
        .proxies(settings.proxies());
    if (settings.held()) {
      scenario.spec(s -> s.withHeldBy("restore-1"));
    }
    if (settings.deletePvcWhenScaled()) {
      scenario.spec(s -> s.withPvcRetention(ImmutablePvcRetentionSettings.builder()
          .whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.RETAIN).build()));
      scenario.liveWhenScaled("Delete"); // as applied before any hold
    }
    leader.ifPresentOrElse(scenario::leader, scenario::noLeader);
    voters.ifPresent(v -> scenario.voters(v.toArray(Long[]::new)));
    scenario.learners(learners.toArray(Long[]::new));
    if (settings.newTemplate()) {
      scenario.newTemplate();
    }
    if (settings.onDelete()) {
      scenario.onDelete();
    }
    settings.partition().ifPresent(scenario::partition);
    for (int ordinal = 0; ordinal <= highestOrdinal(); ordinal++) {
      describe(scenario, ordinal, members.get(ordinal));
    }
    return scenario;
  }

  private static void describe(Scenario scenario, int ordinal, MemberPicture member) {
    // mentioning the pod makes the ordinal part of the picture: its PVC exists even when the pod does not
    scenario.pod(ordinal, p -> p);
    if (member.podMissing()) {
      scenario.noPod(ordinal);
      return;
    }
    if (member.state() != NodeState.ACTIVE) {
      scenario.state(ordinal, member.state());
    }
    if (member.healthFails()) {
      scenario.member(ordinal, f -> f.withHealth(NodeHealth.fail("WAL batcher is not running")));
    }
    if (member.raftSilent()) {
      scenario.member(ordinal, f -> f.withRaftRole(Optional.empty()).withLeaderId(OptionalLong.empty()));
    }
    if (member.claimsLeadership()) {
      scenario.member(ordinal, f -> f.withRaftRole(RaftRole.LEADER));
    }
    if (member.dropsPeers()) {
      scenario.member(ordinal, f -> f.withPeersSeen(Set.of()));
    }
    // last: an unreachable member answers nothing, whatever was set above
    if (member.unreachable()) {
      scenario.unreachable(ordinal);
    }
    if (member.notReady()) {
      scenario.notReady(ordinal);
    }
    if (member.terminating()) {
      scenario.terminating(ordinal);
    }
    if (member.onUpdateRevision()) {
      scenario.podRevision(ordinal, "r2");
    }
  }
}
