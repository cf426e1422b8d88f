package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;

/**
 * Rolling upgrade (product §3.3): whenever a pod does not run the StatefulSet's update revision (any
 * template change: version, image, config hash, resources …), members are restarted one at a time.
 * Per member: exclude it from every proxy pod, keep it out of traffic for {@code drainWaitSecs},
 * let it restart, wait until it is Ready, Active and a Raft voter again, include it back. Until it is
 * back, every pass excludes it again on every proxy pod that runs at that moment, so a proxy pod
 * started meanwhile learns it; the include goes to every proxy pod that runs when it is back.
 *
 * <p>The operator alone decides which pod restarts, so it never races the StatefulSet controller:
 * with {@code RollingUpdate} it lowers the partition to the member's ordinal (pods above it are
 * already done), with {@code OnDelete} it deletes the member's pod. A partition forces highest
 * ordinal first; node 1 (ordinal 0), which bootstraps Raft and normally leads, then goes last. With
 * {@code OnDelete} (what the operator renders) the current leader goes last whatever its ordinal: it
 * is passed over while another member is stale, and a member that becomes leader between being chosen
 * and its restart is given up for another.
 *
 * <p>A member restarts only if the voters still answering Raft without it are a majority of the voter
 * set ({@link Quorum#survivesRestart}): during a scale-up from one member, two voters wait for the
 * third before anyone restarts.
 *
 * <p>A member that is not back within {@link LifecycleTimings#rejoinBound()} stops the upgrade: a
 * FAILED notice, no further member is touched until it comes back or the spec changes. Progress is
 * kept in {@code status.rollingUpgrade}, so a restarted operator continues where it stopped.
 */
public final class RollingUpgradeDecision {

  private RollingUpgradeDecision() {}

  /** Ordinals whose pod exists and does not run the update revision. */
  public static List<Integer> stale(ObservedCluster observed) {
    Optional<String> target = observed.updateRevision();
    if (target.isEmpty()) {
      return List.of();
    }
    return observed.pods().stream()
        .filter(p -> p.ordinal() < observed.statefulSetReplicas() && !p.runs(target.get()))
        .map(ObservedPod::ordinal)
        .sorted()
        .toList();
  }

  /** Whether an upgrade is in progress or due. */
  public static boolean due(ObservedCluster observed, LifecycleMemory memory) {
    return memory.upgrade().flatMap(u -> u.step()).isPresent() || !stale(observed).isEmpty();
  }

  /** Whether the member is serving: pod Ready, database reachable and Active, and a voter in cluster mode. */
  public static boolean back(ObservedCluster observed, int ordinal) {
    boolean podReady = observed.pod(ordinal).filter(p -> p.ready() && !p.terminating()).isPresent();
    boolean active = observed.facts(ordinal).filter(MemberFacts::reachable).filter(MemberFacts::active).isPresent();
    boolean voter = observed.statefulSetReplicas() <= 1
        || observed.voters().map(v -> v.contains(ordinal + 1L)).orElse(false);
    return podReady && active && voter;
  }

  public static Decision decide(ObservedCluster observed, LifecycleMemory memory, Instant now, LifecycleTimings timings) {
    Decision.Builder decision = Decision.builder(memory);
    int replicas = observed.statefulSetReplicas();
    Optional<String> target = observed.updateRevision();
    int livePartition = Math.min(observed.partition().orElse(replicas), replicas);
    if (target.isEmpty() || !observed.statefulSetSettled()) {
      return memory.upgrade().isPresent()
          ? decision.partition(livePartition).requeueAt(now.plus(timings.poll())).build()
          : decision.build();
    }
    List<Integer> stale = stale(observed);
    // a member the upgrade had out and a scale-down then removed will not come back: nobody is out
    Optional<UpgradeProgress> remembered = memory.upgrade().map(p -> retarget(p, target.get(), now))
        .map(p -> p.ordinal().isPresent() && p.ordinal().getAsInt() >= replicas ? p.memberGone(now) : p);
    if (remembered.map(p -> p.ordinal().isEmpty()).orElse(true) && stale.isEmpty()) {
      return decision.memory(memory.withUpgrade(Optional.empty())).build();
    }
    UpgradeProgress progress = remembered.orElseGet(() -> {
      UpgradeProgress fresh = new UpgradeProgress(target.get(), OptionalInt.empty(), Optional.empty(), now, List.of());
      return ClusterModeTransition.underway(observed) ? fresh.forClusterModeChange() : fresh;
    });
    if (progress.ordinal().isEmpty()) {
      OptionalInt next = next(observed, stale);
      if (clusterModeTurningOn(observed, stale)) {
        return startClusterMode(observed, memory, progress, livePartition, decision, now, timings);
      }
      List<Integer> out = new ArrayList<>();
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        if (!back(observed, ordinal)) {
          out.add(ordinal);
        }
      }
      boolean onlyCandidateOut = out.isEmpty() || (out.size() == 1 && next.isPresent() && out.get(0) == next.getAsInt());
      if (next.isEmpty() || !onlyCandidateOut) {
        String waitingFor = out.stream().map(o -> observed.names().pod(o)).toList().toString();
        return decision.memory(memory.withUpgrade(Optional.of(progress)))
            .partition(livePartition)
            .notice(Notice.progressing("UpgradeWaiting", "Rolling upgrade to revision " + target.get() + " waits for "
                + waitingFor + " to be Ready, Active and a Raft voter before the next member restarts"))
            .requeueAt(now.plus(timings.poll()))
            .build();
      }
      if (!Quorum.survivesRestart(observed, next.getAsInt())) {
        return decision.memory(memory.withUpgrade(Optional.of(progress)))
            .partition(livePartition)
            .notice(Notice.progressing("UpgradeWaiting", "Rolling upgrade to revision " + target.get() + " waits: "
                + majorityAtStake(observed, next.getAsInt())))
            .requeueAt(now.plus(timings.poll()))
            .build();
      }
      progress = progress.at(next.getAsInt(), UpgradeStep.EXCLUDING, now);
    }
    return member(observed, memory, progress, target.get(), livePartition, decision, now, timings);
  }

  /**
   * Going from one member to several turns cluster mode on. The new members start in cluster mode
   * (they read the updated config) and wait to be added, but only a Raft leader can add them, and
   * there is none until member 0, still running standalone, restarts with cluster mode on: waiting for
   * all members to be voters before restarting anyone would wait forever. So member 0 restarts first.
   * Detected as: member 0 is stale, answers without a Raft role (standalone servers do not mount the
   * cluster routes), no leader exists, and every other member is up.
   */
  static boolean clusterModeTurningOn(ObservedCluster observed, List<Integer> stale) {
    if (!stale.contains(0) || observed.statefulSetReplicas() <= 1 || observed.leader().isPresent()) {
      return false;
    }
    boolean standalone = observed.facts(0).filter(MemberFacts::reachable).filter(f -> f.raftRole().isEmpty()).isPresent();
    boolean othersUp = true;
    for (int ordinal = 1; ordinal < observed.statefulSetReplicas(); ordinal++) {
      othersUp &= servingOutsideRaft(observed, ordinal);
    }
    return standalone && othersUp && observed.pod(0).filter(p -> p.ready() && !p.terminating()).isPresent();
  }

  /**
   * Restarts member 0 so it comes back in cluster mode and bootstraps Raft. When every other member
   * already runs the update revision (they started with the new template), the partition goes to 0 as
   * well, so member 0 comes back on that revision and is not restarted a second time by the ordinary
   * upgrade; otherwise it keeps its revision and the ordinary upgrade rolls it later. Progress records
   * member 0 as rejoining, so the restart is not repeated while it comes back.
   */
  private static Decision startClusterMode(ObservedCluster observed, LifecycleMemory memory, UpgradeProgress progress,
      int livePartition, Decision.Builder decision, Instant now, LifecycleTimings timings) {
    ObservedPod pod = observed.pod(0).orElseThrow();
    boolean othersCurrent = stale(observed).equals(List.of(0));
    return decision.act(new Action.DeletePod(pod.name(), pod.uid(), 0, Action.RESTART_EVENT,
            "in cluster mode: it runs standalone, and in cluster mode it bootstraps Raft and can add the new members; "
                + RestartReason.describe(Set.of(RestartReason.SCALE))))
        .memory(memory.withUpgrade(Optional.of(progress.at(0, UpgradeStep.REJOINING, now).forClusterModeChange())))
        .partition(othersCurrent && !observed.onDelete() ? 0 : livePartition)
        .notice(Notice.progressing("ClusterModeStarting", pod.name()
            + " restarts in cluster mode; the new members join once it leads the Raft group"))
        .requeueAt(now.plus(timings.poll()))
        .build();
  }

  /** Pod Ready and database Active: all a member not yet in any Raft group can be. */
  private static boolean servingOutsideRaft(ObservedCluster observed, int ordinal) {
    boolean podReady = observed.pod(ordinal).filter(p -> p.ready() && !p.terminating()).isPresent();
    return podReady && observed.facts(ordinal).filter(MemberFacts::reachable).filter(MemberFacts::active).isPresent();
  }

  /** A target change mid-way keeps the member that is out; one already restarted must restart again. */
  private static UpgradeProgress retarget(UpgradeProgress progress, String target, Instant now) {
    if (progress.targetRevision().equals(target)) {
      return progress;
    }
    Optional<UpgradeStep> step = progress.step()
        .map(s -> s == UpgradeStep.REJOINING || s == UpgradeStep.INCLUDING ? UpgradeStep.RESTARTING : s);
    return new UpgradeProgress(target, progress.ordinal(), step,
        step.equals(progress.step()) ? progress.stepStartedAt() : now, List.of(), progress.clusterModeChange());
  }

  /** The next member: highest stale ordinal with a partition; with OnDelete also the leader last. */
  private static OptionalInt next(ObservedCluster observed, List<Integer> stale) {
    if (stale.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!observed.onDelete()) {
      return OptionalInt.of(stale.get(stale.size() - 1));
    }
    OptionalInt leader = observed.leader().map(l -> OptionalInt.of(l.ordinal())).orElse(OptionalInt.empty());
    return stale.stream()
        .sorted(Comparator.<Integer, Boolean>comparing(o -> leader.isPresent() && o == leader.getAsInt())
            .thenComparing(Comparator.reverseOrder()))
        .mapToInt(Integer::intValue)
        .findFirst();
  }

  private static Decision member(ObservedCluster observed, LifecycleMemory memory, UpgradeProgress progress,
      String target, int livePartition, Decision.Builder decision, Instant now, LifecycleTimings timings) {
    int ordinal = progress.ordinal().getAsInt();
    String podName = observed.names().pod(ordinal);
    Optional<ObservedPod> pod = observed.pod(ordinal);
    Optional<String> podIp = pod.flatMap(ObservedPod::podIp);
    List<ProxyEndpoint> proxies = observed.proxies();
    UpgradeStep step = progress.step().orElse(UpgradeStep.EXCLUDING);
    if (!observed.onDelete() && stale(observed).stream().anyMatch(o -> o > ordinal)) {
      return yieldToHigherOrdinals(observed, memory, progress, step, decision, now, timings);
    }
    int partition = observed.onDelete() ? livePartition : Math.min(livePartition, ordinal + 1);
    List<Integer> othersOut = othersOut(observed, ordinal);
    boolean beforeRestart = step == UpgradeStep.EXCLUDING || step == UpgradeStep.WAITING || step == UpgradeStep.RESTARTING;
    // In a later step a pending restart is a lost release. With OnDelete the pass right after the
    // deletion may still see the deleted pod (the cache lags); a partition seen above the ordinal is
    // never taken for a release in flight: lowering it again while another member is out would be a
    // second restart if the first write was lost, and holding it is safe if it was not.
    boolean releaseLost = back(observed, ordinal)
        && (!observed.onDelete() || !now.isBefore(progress.stepStartedAt().plus(timings.poll())));
    boolean pending = restartPending(observed, ordinal, livePartition, target);
    boolean restartAhead = pending && (beforeRestart || releaseLost);
    if (restartAhead && !othersOut.isEmpty()) {
      String waitingFor = othersOut.stream().map(o -> observed.names().pod(o)).toList().toString();
      return abortStep(observed, memory, progress, waitingFor + " is not Ready, Active and a Raft voter",
          partition, decision, now, timings);
    }
    // A member past its restart step that is not back yet but still runs the old revision: the release
    // (or deletion) was lost, and releasing it again is a new restart. While it still answers Raft, that
    // restart takes its vote down, so it must keep the majority like the first (campaign property
    // aDeliberateRestartLeavesAMajorityOfVotersAnswering: the lone voter of a scale-up from one member).
    boolean takesAVote = restartAhead || (pending && Quorum.raftUp(observed, ordinal + 1L));
    if (takesAVote && !Quorum.survivesRestart(observed, ordinal)) {
      return abortStep(observed, memory, progress, majorityAtStake(observed, ordinal), partition, decision, now,
          timings);
    }
    // With OnDelete a Ready old pod a poll after its deletion was never deleted: the write was lost, or
    // the strategy changed from a partition whose release went with it. The restart is still ahead.
    boolean deletionLost = observed.onDelete() && !beforeRestart && releaseLost
        && restartPending(observed, ordinal, livePartition, target);
    if (observed.onDelete() && (beforeRestart || deletionLost) && leadsWithOthersStale(observed, ordinal)) {
      return leadershipMoved(observed, memory, progress, decision, now, timings);
    }
    if (deletionLost) {
      step = UpgradeStep.RESTARTING;
    }
    if (step == UpgradeStep.EXCLUDING) {
      if (!proxies.isEmpty() && podIp.isPresent()) {
        keepOut(observed, ordinal, decision);
        Duration wait = Duration.ofSeconds(observed.spec().cluster().drainWaitSecs());
        return decision.memory(memory.withUpgrade(Optional.of(progress.at(ordinal, UpgradeStep.WAITING, now))))
            .partition(partition)
            .notice(Notice.progressing("Upgrading", podName + " is out of the proxies' rotation; it restarts in "
                + wait.toSeconds() + "s"))
            .requeueAt(now.plus(wait))
            .build();
      }
      step = UpgradeStep.RESTARTING;
    }
    boolean returning = (step == UpgradeStep.REJOINING || step == UpgradeStep.INCLUDING)
        && back(observed, ordinal) && pod.get().runs(target);
    if (!returning) {
      keepOut(observed, ordinal, decision);
    }
    if (step == UpgradeStep.WAITING) {
      Instant until = progress.stepStartedAt().plusSeconds(observed.spec().cluster().drainWaitSecs());
      if (now.isBefore(until)) {
        return decision.memory(memory.withUpgrade(Optional.of(progress))).partition(partition)
            .notice(Notice.progressing("Upgrading", podName + " is out of traffic until " + until + "; then it restarts"))
            .requeueAt(until).build();
      }
      step = UpgradeStep.RESTARTING;
    }
    if (step == UpgradeStep.RESTARTING) {
      pod.filter(p -> !p.terminating() && !p.runs(target)).ifPresent(p -> decision.act(restart(observed, progress, p,
          target)));
      return decision.memory(memory.withUpgrade(Optional.of(progress.at(ordinal, UpgradeStep.REJOINING, now))))
          .partition(observed.onDelete() ? livePartition : ordinal)
          .notice(Notice.progressing("Upgrading", "Restarting " + podName + " on revision " + target))
          .requeueAt(now.plus(timings.poll()))
          .build();
    }
    // Rejoining or Including
    partition = observed.onDelete() ? livePartition : ordinal;
    decision.partition(partition);
    if (returning) {
      podIp.ifPresent(ip -> proxies.forEach(p -> decision.act(new Action.IncludeInProxy(p, ip, ordinal, podName))));
      return decision.memory(memory.withUpgrade(Optional.of(progress.finished(ordinal, now)))).requeueAt(now).build();
    }
    // Only a stuck old pod (not Ready, so the StatefulSet controller will not replace it) and not in
    // the pass right after the restart: until the deletion shows in the pod cache, a Ready old pod is
    // the one just deleted, and deleting it again would restart nothing and only repeat the event.
    boolean restartSettled = !now.isBefore(progress.stepStartedAt().plus(timings.poll()));
    pod.filter(p -> restartSettled && !p.terminating() && !p.runs(target) && !p.ready())
        .ifPresent(p -> decision.act(new Action.DeletePod(p.name(), p.uid(), ordinal, "MemberUpgrade",
            "it still runs an older revision; the replacement runs " + target)));
    decision.memory(memory.withUpgrade(Optional.of(progress)));
    Instant deadline = progress.stepStartedAt().plus(timings.rejoinBound());
    if (!now.isBefore(deadline)) {
      return decision.notice(Notice.failed("UpgradeStalled", podName + " did not come back (Ready, Active and a Raft"
          + " voter) within " + timings.rejoinBound().toMinutes() + " min of its restart on revision " + target
          + "; the upgrade stopped and touches no other member. Check the pod's events and logs; once it is back,"
          + " or after the spec is corrected, the upgrade continues.")).build();
    }
    return decision.notice(Notice.progressing("Upgrading", "Waiting for " + podName + " to be Ready, Active and a Raft"
            + " voter again on revision " + target))
        .requeueAt(deadline.isBefore(now.plus(timings.poll())) ? deadline : now.plus(timings.poll()))
        .build();
  }

  /**
   * The restart of {@code pod}'s member, naming why: what differs between the template it started with
   * and the one it restarts into, or the scale-up that turns cluster mode on. With {@code OnDelete} the
   * pod is deleted; with a partition the pass's partition releases it and the action only announces it.
   */
  private static Action restart(ObservedCluster observed, UpgradeProgress progress, ObservedPod pod, String target) {
    Set<RestartReason> reasons = progress.clusterModeChange() ? Set.of(RestartReason.SCALE)
        : RestartReason.between(pod.inputs(), observed.targetInputs());
    if (observed.onDelete()) {
      return new Action.DeletePod(pod.name(), pod.uid(), pod.ordinal(), Action.RESTART_EVENT,
          "on revision " + target + "; " + RestartReason.describe(reasons));
    }
    return new Action.ReleaseRestart(pod.name(), pod.ordinal(), target, reasons);
  }

  /** Whether {@code ordinal} is the one leader the members agree on while another member is stale. */
  private static boolean leadsWithOthersStale(ObservedCluster observed, int ordinal) {
    return observed.leader().filter(l -> l.ordinal() == ordinal).isPresent()
        && stale(observed).stream().anyMatch(o -> o != ordinal);
  }

  /**
   * Leadership moved onto the member chosen for the next restart (it did not lead when chosen) while
   * other members are still stale: it goes last now, so its step is given up before the restart. It
   * returns to the proxies' rotation and the upgrade chooses again, among the others. A member that
   * is not back stays out and is not restarted until it is back (or no longer leads).
   */
  private static Decision leadershipMoved(ObservedCluster observed, LifecycleMemory memory, UpgradeProgress progress,
      Decision.Builder decision, Instant now, LifecycleTimings timings) {
    int ordinal = progress.ordinal().getAsInt();
    String podName = observed.names().pod(ordinal);
    int livePartition = Math.min(observed.partition().orElse(observed.statefulSetReplicas()),
        observed.statefulSetReplicas());
    if (!back(observed, ordinal)) {
      keepOut(observed, ordinal, decision);
      return decision.memory(memory.withUpgrade(Optional.of(progress))).partition(livePartition)
          .notice(Notice.progressing("UpgradeWaiting", podName + " leads Raft and other members still run an older"
              + " revision; the leader restarts last, so it waits to be back before another member goes first"))
          .requeueAt(now.plus(timings.poll()))
          .build();
    }
    observed.pod(ordinal).flatMap(ObservedPod::podIp).ifPresent(ip -> observed.proxies()
        .forEach(p -> decision.act(new Action.IncludeInProxy(p, ip, ordinal, podName))));
    UpgradeProgress nobodyOut = new UpgradeProgress(progress.targetRevision(), OptionalInt.empty(), Optional.empty(),
        now, progress.done(), progress.clusterModeChange());
    return decision.memory(memory.withUpgrade(Optional.of(nobodyOut)))
        .partition(livePartition)
        .notice(Notice.progressing("UpgradeWaiting", podName + " became the Raft leader before its restart; the"
            + " leader restarts last, so another member goes first"))
        .requeueAt(now.plus(timings.poll()))
        .build();
  }

  /** Every member other than {@code ordinal} that is not back (Ready, Active and a voter). */
  private static List<Integer> othersOut(ObservedCluster observed, int ordinal) {
    List<Integer> out = new ArrayList<>();
    for (int other = 0; other < observed.statefulSetReplicas(); other++) {
      if (other != ordinal && !back(observed, other)) {
        out.add(other);
      }
    }
    return out;
  }

  /**
   * Whether the member's restart is still to be released: its pod runs the old revision and neither
   * the partition (at or below its ordinal) nor a deletion has let it go. Also true in a later step
   * whose release was lost (the partition raised again behind the operator's back): releasing it then
   * is a restart like the first.
   */
  private static boolean restartPending(ObservedCluster observed, int ordinal, int livePartition, String target) {
    boolean stale = observed.pod(ordinal).filter(p -> !p.terminating() && !p.runs(target)).isPresent();
    return stale && (observed.onDelete() || livePartition > ordinal);
  }

  /**
   * Another member went out while this one waited for its restart (the others were all back when it
   * was chosen, possibly drainWaitSecs ago): restarting it now would take a second member down, and
   * with three members the Raft majority; or the restart would lose the majority by itself (two voters
   * while a scale-up is still to add the third). The step is given up right before the restart: the member
   * returns to the proxies' rotation and is no longer out; once every member is back, the upgrade
   * chooses again. A member that is itself not back stays out and is not restarted.
   */
  private static Decision abortStep(ObservedCluster observed, LifecycleMemory memory, UpgradeProgress progress,
      String why, int partition, Decision.Builder decision, Instant now, LifecycleTimings timings) {
    int ordinal = progress.ordinal().getAsInt();
    String podName = observed.names().pod(ordinal);
    decision.partition(partition).requeueAt(now.plus(timings.poll()));
    if (!back(observed, ordinal)) {
      keepOut(observed, ordinal, decision);
      return decision.memory(memory.withUpgrade(Optional.of(progress)))
          .notice(Notice.progressing("UpgradeWaiting", podName + " does not restart while " + why))
          .build();
    }
    observed.pod(ordinal).flatMap(ObservedPod::podIp).ifPresent(ip -> observed.proxies()
        .forEach(p -> decision.act(new Action.IncludeInProxy(p, ip, ordinal, podName))));
    UpgradeProgress nobodyOut = new UpgradeProgress(progress.targetRevision(), OptionalInt.empty(), Optional.empty(),
        now, progress.done(), progress.clusterModeChange());
    return decision.memory(memory.withUpgrade(Optional.of(nobodyOut)))
        .notice(Notice.progressing("UpgradeWaiting", "The restart of " + podName + " was called off meanwhile: "
            + why))
        .build();
  }

  /** Why restarting {@code ordinal}'s member now would lose the Raft majority. */
  private static String majorityAtStake(ObservedCluster observed, int ordinal) {
    int voters = observed.voters().map(Set::size).orElse(0);
    return "restarting " + observed.names().pod(ordinal) + " would leave fewer than a majority of the " + voters
        + " Raft voters answering" + (voters < observed.spec().effectiveReplicas()
            ? "; the scale-up adds the next member first" : "; it waits for the other voters to be back");
  }

  /**
   * Excludes the member that is out from every proxy pod that runs now, in every pass until it is
   * back: exclusions live in each proxy pod's memory, so a proxy pod started since (rescheduled,
   * scaled, rolled) learns it here, and a restarted member's new pod IP, which the proxies discover
   * as a new backend and route to once it answers {@code /health}, stays out until it is a voter
   * again. A proxy that already excludes the IP, or has not discovered it yet, answers so; both are
   * fine. Planned before any restart in the same pass, so an unreachable proxy stops the pass first.
   */
  private static void keepOut(ObservedCluster observed, int ordinal, Decision.Builder decision) {
    String podName = observed.names().pod(ordinal);
    observed.pod(ordinal).flatMap(ObservedPod::podIp).ifPresent(ip -> observed.proxies()
        .forEach(proxy -> decision.act(new Action.ExcludeFromProxy(proxy, ip, ordinal, podName))));
  }

  /**
   * The template changed again while {@code progress}'s member was out, so members above it are stale
   * too, and a partition at this member would release them all to the StatefulSet controller at once.
   * Instead the partition holds every member, the member comes back as it is and returns to the
   * proxies' rotation, and the upgrade starts again from the highest stale ordinal (this member
   * restarts again when its turn comes).
   */
  private static Decision yieldToHigherOrdinals(ObservedCluster observed, LifecycleMemory memory,
      UpgradeProgress progress, UpgradeStep step, Decision.Builder decision, Instant now, LifecycleTimings timings) {
    int ordinal = progress.ordinal().getAsInt();
    String podName = observed.names().pod(ordinal);
    decision.partition(observed.statefulSetReplicas());
    UpgradeProgress nobodyOut =
        new UpgradeProgress(progress.targetRevision(), OptionalInt.empty(), Optional.empty(), now, progress.done(),
            progress.clusterModeChange());
    if (step == UpgradeStep.EXCLUDING) {
      return decision.memory(memory.withUpgrade(Optional.of(nobodyOut))).requeueAt(now).build();
    }
    if (back(observed, ordinal)) {
      observed.pod(ordinal).flatMap(ObservedPod::podIp).ifPresent(ip -> observed.proxies()
          .forEach(p -> decision.act(new Action.IncludeInProxy(p, ip, ordinal, podName))));
      return decision.memory(memory.withUpgrade(Optional.of(nobodyOut))).requeueAt(now).build();
    }
    keepOut(observed, ordinal, decision);
    return decision.memory(memory.withUpgrade(Optional.of(progress)))
        .notice(Notice.progressing("UpgradeWaiting", "The template changed again while " + podName + " was out;"
            + " waiting for it to be back before the upgrade to revision " + progress.targetRevision()
            + " starts again from the highest member"))
        .requeueAt(now.plus(timings.poll()))
        .build();
  }
}
