package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.reconcile.seed.SeedObservation.Claim;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Phase;
import cloud.hyperbyte.reconcile.seed.SeedObservation.SeedPod;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Source;
import cloud.hyperbyte.reconcile.seed.SeedProgress.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Seeding new members (product §3.4; contract top finding 5): before a new member's first start its
 * claim is created under the name the StatefulSet adopts and filled with a fresh backup of a healthy
 * member, pod to pod. Pure: the same observation gives the same plan.
 *
 * <p>One member is seeded at a time, lowest ordinal first; the StatefulSet grows over each claim
 * once it is marked seeded, and the member then joins Raft through add-node and catches up the WAL
 * written since the backup. An attempt that fails (a pod failed, or the source member stopped being
 * healthy) is retried from another healthy member, at most {@link #MAX_ATTEMPTS} times; then the
 * member is blocked and never added. Attempts are counted from the pods that exist, so deleting a
 * blocked member's seed pods starts over.
 *
 * <p>The seeded mark ({@link SeedNames#SEEDED_ANNOTATION}) promises a claim no member has started on
 * yet; once the StatefulSet counts its ordinal the mark is removed. A claim that a scale-down retains
 * ({@code whenScaled: Retain}) therefore returns unmarked and is seeded again: the restore replaces its
 * {@code wal/ meta/} and chDB directories and the target removes {@code raft/} and {@code
 * replication_log/}, so the member never comes back with the Raft state of the membership it was
 * removed from, nor with data older than the seed (contract §2.4 step 4, §5.3).
 *
 * <p>Nothing is seeded when there is no live member yet (a new cluster, or one a restore brought
 * back: every volume already holds the data).
 */
public final class SeedDecision {

  /** Attempts per member before it is blocked. */
  public static final int MAX_ATTEMPTS = 3;

  private SeedDecision() {}

  public static SeedPlan decide(SeedObservation observed) {
    List<SeedAction> actions = new ArrayList<>();
    List<SeedProgress> progress = new ArrayList<>();
    int live = observed.liveReplicas();
    int target = observed.targetReplicas();
    boolean active = observed.enabled() && live > 0 && target > live;
    int from = active ? live : Integer.MAX_VALUE;
    // the mark means "holds a seed no member has started on": once the StatefulSet counts the ordinal
    // it is spent, whatever the policy, so a claim a scale-down retains comes back unmarked and is seeded again
    for (Claim claim : observed.claims()) {
      if (claim.ordinal() < live && claim.seededFrom().isPresent() && !claim.terminating()) {
        actions.add(new SeedAction.ClearSeeded(claim.ordinal()));
      }
    }
    // seed objects of members no longer being seeded go
    for (SeedPod pod : observed.pods()) {
      if ((pod.ordinal() < from || pod.ordinal() >= target) && !pod.terminating()) {
        actions.add(new SeedAction.DeletePod(pod.ordinal(), pod.name(), pod.uid()));
      }
    }
    for (int ordinal : observed.tokens()) {
      if (ordinal < from || ordinal >= target) {
        actions.add(new SeedAction.DeleteToken(ordinal));
      }
    }
    if (!active) {
      return new SeedPlan(actions, observed.enabled() ? OptionalInt.of(target) : OptionalInt.empty(), progress,
          Optional.empty());
    }
    int allowed = live;
    Optional<String> blocked = Optional.empty();
    boolean oneInProgress = false;
    for (int ordinal = live; ordinal < target; ordinal++) {
      Optional<Claim> claim = observed.claim(ordinal);
      if (claim.isPresent() && claim.get().seededFrom().isPresent() && !claim.get().terminating()) {
        progress.add(new SeedProgress(ordinal, Stage.Seeded, lastAttempt(observed, ordinal),
            claim.get().seededFrom(), "seeded from " + claim.get().seededFrom().get()));
        if (allowed == ordinal) {
          allowed = ordinal + 1;
        }
        continue;
      }
      if (oneInProgress) {
        progress.add(new SeedProgress(ordinal, Stage.Preparing, 0, Optional.empty(),
            "waits until member " + (ordinal - 1) + " is seeded"));
        continue;
      }
      oneInProgress = true;
      SeedProgress step = seed(observed, ordinal, claim, actions);
      progress.add(step);
      if (step.stage() == Stage.Blocked) {
        blocked = Optional.of("member " + ordinal + " is not added: " + step.message());
      }
    }
    // cleanup of members seeded and not yet grown over happens after the StatefulSet grows
    for (int ordinal = live; ordinal < allowed; ordinal++) {
      cleanUp(observed, ordinal, actions);
    }
    return new SeedPlan(actions, OptionalInt.of(allowed), progress, blocked);
  }

  private static SeedProgress seed(SeedObservation observed, int ordinal, Optional<Claim> claim,
      List<SeedAction> actions) {
    if (claim.isEmpty()) {
      actions.add(new SeedAction.CreateClaim(ordinal));
    } else if (claim.get().terminating()) {
      return new SeedProgress(ordinal, Stage.Preparing, 0, Optional.empty(), "an old claim is being deleted");
    }
    if (!observed.tokens().contains(ordinal)) {
      actions.add(new SeedAction.CreateToken(ordinal));
    }
    int attempt = lastAttempt(observed, ordinal);
    Optional<SeedPod> source = pod(observed, ordinal, attempt, SeedNames.Role.SOURCE);
    Optional<SeedPod> target = pod(observed, ordinal, attempt, SeedNames.Role.TARGET);
    // a target being deleted is a leftover of a round that is over, not a transfer onto this claim
    if (target.isPresent() && target.get().phase() == Phase.SUCCEEDED && !target.get().terminating()) {
      actions.add(new SeedAction.MarkSeeded(ordinal, source.map(SeedPod::name).orElse(target.get().name())));
      return new SeedProgress(ordinal, Stage.Transferring, attempt, source.map(SeedPod::name),
          "restored; the claim is marked seeded");
    }
    Optional<String> failure = attempt == 0 ? Optional.empty() : failure(observed, source, target);
    if (attempt == 0 || failure.isPresent()) {
      String why = failure.map(f -> "attempt " + attempt + " failed: " + f).orElse("");
      if (attempt >= MAX_ATTEMPTS) {
        stopRunning(observed, ordinal, attempt, actions);
        return new SeedProgress(ordinal, Stage.Blocked, attempt, source.map(SeedPod::name), why
            + "; no attempt left (delete its seed pods, label " + SeedNames.ORDINAL_LABEL + "=" + ordinal
            + ", to start over)");
      }
      int failedSource = source.map(SeedPod::sourceOrdinal).orElse(-1);
      Optional<Source> next = observed.sources().stream().filter(s -> s.ordinal() != failedSource).findFirst()
          .or(() -> observed.sources().stream().findFirst());
      if (next.isEmpty()) {
        return new SeedProgress(ordinal, Stage.Blocked, attempt, Optional.empty(),
            (why.isEmpty() ? "" : why + "; ") + "no healthy member (Ready, Active, Raft voter) to take a backup from");
      }
      stopRunning(observed, ordinal, attempt, actions);
      actions.add(new SeedAction.CreateSourcePod(ordinal, attempt + 1, next.get()));
      return new SeedProgress(ordinal, Stage.Transferring, attempt + 1, Optional.of(next.get().podName()),
          (why.isEmpty() ? "" : why + "; ") + "backing up " + next.get().podName());
    }
    // attempt in progress
    SeedPod serving = source.orElseThrow(); // failure() reports a missing source
    if (target.isEmpty() && serving.phase() == Phase.RUNNING && serving.podIp().isPresent()) {
      actions.add(new SeedAction.CreateTargetPod(ordinal, attempt, serving.sourceOrdinal(),
          serving.podIp().get() + ":" + SeedArgs.DEFAULT_PORT));
    }
    return new SeedProgress(ordinal, Stage.Transferring, attempt, Optional.of(memberPod(observed, serving)),
        "attempt " + attempt + ": source " + phase(Optional.of(serving)) + ", target " + phase(target));
  }

  /** Why the attempt cannot succeed any more, if it cannot. */
  private static Optional<String> failure(SeedObservation observed, Optional<SeedPod> source, Optional<SeedPod> target) {
    if (target.isPresent() && target.get().phase() == Phase.FAILED) {
      return Optional.of("target " + target.get().name() + " failed" + target.get().message().map(m -> ": " + m).orElse(""));
    }
    if (source.isEmpty()) {
      return Optional.of("its source pod is gone");
    }
    SeedPod serving = source.get();
    if (serving.phase() == Phase.FAILED) {
      return Optional.of("source " + serving.name() + " failed" + serving.message().map(m -> ": " + m).orElse(""));
    }
    if (serving.phase() == Phase.SUCCEEDED && target.isEmpty()) {
      return Optional.of("source " + serving.name() + " ended before a target fetched from it");
    }
    if (serving.terminating()) {
      return Optional.of("source " + serving.name() + " is being deleted");
    }
    boolean healthy = observed.sources().stream().anyMatch(s -> s.ordinal() == serving.sourceOrdinal());
    if (!healthy && serving.phase() != Phase.SUCCEEDED) {
      return Optional.of("member " + serving.sourceOrdinal() + " is no longer healthy");
    }
    return Optional.empty();
  }

  private static String memberPod(SeedObservation observed, SeedPod serving) {
    return observed.sources().stream().filter(s -> s.ordinal() == serving.sourceOrdinal()).map(Source::podName)
        .findFirst().orElse("member " + serving.sourceOrdinal());
  }

  private static void stopRunning(SeedObservation observed, int ordinal, int attempt, List<SeedAction> actions) {
    observed.podsOf(ordinal).stream()
        .filter(p -> p.attempt() == attempt && !p.ended() && !p.terminating())
        .forEach(p -> actions.add(new SeedAction.DeletePod(ordinal, p.name(), p.uid())));
  }

  private static void cleanUp(SeedObservation observed, int ordinal, List<SeedAction> actions) {
    observed.podsOf(ordinal).stream().filter(p -> !p.terminating())
        .forEach(p -> actions.add(new SeedAction.DeletePod(ordinal, p.name(), p.uid())));
    if (observed.tokens().contains(ordinal)) {
      actions.add(new SeedAction.DeleteToken(ordinal));
    }
  }

  private static int lastAttempt(SeedObservation observed, int ordinal) {
    return observed.podsOf(ordinal).stream().mapToInt(SeedPod::attempt).max().orElse(0);
  }

  private static Optional<SeedPod> pod(SeedObservation observed, int ordinal, int attempt, SeedNames.Role role) {
    return observed.podsOf(ordinal).stream()
        .filter(p -> p.attempt() == attempt && p.role() == role)
        .max(Comparator.comparing(SeedPod::terminating).reversed());
  }

  private static String phase(Optional<SeedPod> pod) {
    return pod.map(p -> p.phase().name().toLowerCase(java.util.Locale.ROOT)).orElse("not created");
  }
}
