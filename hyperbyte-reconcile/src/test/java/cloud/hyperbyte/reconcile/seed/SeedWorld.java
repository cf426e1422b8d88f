package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.reconcile.seed.SeedObservation.Claim;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Phase;
import cloud.hyperbyte.reconcile.seed.SeedObservation.SeedPod;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * What the seed decision's writes leave behind, pass after pass, for tests that replay a cluster's
 * history: the claims with their seeded marks and what their content is, the token Secrets, the seed
 * pods (a kubelet runs each source until a target fetched from it, and each target to the outcome
 * {@code targetSucceeds} gives), and the StatefulSet. A pass runs in the operator's order: the
 * plan's {@link SeedPlan#beforeStatefulSet()}, then the StatefulSet write (grown as far as the plan allows,
 * or shrunk to the target at once: the worst case, the lifecycle's drain and removal passes are not
 * modelled, and the claims above it kept or deleted by {@code whenScaled}), then the other actions.
 * A write fails when {@code writeFails} says so, and a failure ends the pass, as an exception ends a
 * reconcile. Every member is healthy.
 */
final class SeedWorld {

  int live;
  int target;
  /** Claims by ordinal, with their seeded mark. */
  final Map<Integer, Optional<String>> claims = new TreeMap<>();
  /** Claims whose content is a seed restored since a member last ran on them. */
  final Set<Integer> freshSeed = new TreeSet<>();
  final Set<Integer> tokens = new TreeSet<>();
  final List<SeedPod> pods = new ArrayList<>();
  /** Ordinals the StatefulSet grew over while their claim did not hold a fresh seed. */
  final List<Integer> grownOverStale = new ArrayList<>();
  int seedsRestored;
  private boolean retain = true;
  private final BooleanSupplier targetSucceeds;
  private final BooleanSupplier writeFails;

  SeedWorld(int live, BooleanSupplier targetSucceeds, BooleanSupplier writeFails) {
    this.live = live;
    this.target = live;
    this.targetSucceeds = targetSucceeds;
    this.writeFails = writeFails;
    IntStream.range(0, live).forEach(ordinal -> claims.put(ordinal, Optional.empty()));
  }

  /** The user asks for {@code replicas}, with whenScaled {@code retain} (Retain) or Delete. */
  void scale(int replicas, boolean retain) {
    this.target = replicas;
    this.retain = retain;
  }

  /** One reconcile pass, in the operator's order. */
  SeedPlan pass() {
    List<Claim> observed = claims.entrySet().stream().map(c -> new Claim(c.getKey(), c.getValue(), false)).toList();
    List<Source> sources = IntStream.range(0, live).mapToObj(o -> new Source(o, "db-" + o, "node-" + o)).toList();
    SeedPlan plan = SeedDecision.decide(new SeedObservation(true, live, target, observed, List.copyOf(tokens),
        List.copyOf(pods), sources));
    if (!applyAll(plan.beforeStatefulSet()) || writeFails.getAsBoolean()) {
      return plan;
    }
    writeStatefulSet(plan);
    applyAll(plan.afterStatefulSet());
    return plan;
  }

  private boolean applyAll(List<SeedAction> actions) {
    for (SeedAction action : actions) {
      if (writeFails.getAsBoolean()) {
        return false;
      }
      apply(action);
    }
    return true;
  }

  private void writeStatefulSet(SeedPlan plan) {
    if (target < live) {
      live = target;
      if (!retain) {
        claims.keySet().removeIf(ordinal -> ordinal >= target);
        freshSeed.removeIf(ordinal -> ordinal >= target);
      }
      return;
    }
    int allowed = plan.allowedReplicas().orElse(target);
    if (target > live && allowed > live) {
      int grown = Math.min(target, allowed);
      for (int ordinal = live; ordinal < grown; ordinal++) {
        if (!freshSeed.contains(ordinal)) {
          grownOverStale.add(ordinal);
        }
        claims.putIfAbsent(ordinal, Optional.empty()); // the StatefulSet controller makes a missing claim
        freshSeed.remove(ordinal); // its member starts on it
      }
      live = grown;
    }
  }

  void passUntilLive(int replicas) {
    for (int i = 0; i < 20 && live < replicas; i++) {
      pass();
    }
  }

  private void apply(SeedAction action) {
    if (action instanceof SeedAction.CreateClaim create) {
      claims.putIfAbsent(create.ordinal(), Optional.empty());
    } else if (action instanceof SeedAction.CreateToken token) {
      tokens.add(token.ordinal());
    } else if (action instanceof SeedAction.CreateSourcePod source) {
      pods.add(pod(source.ordinal(), source.attempt(), SeedNames.Role.SOURCE, source.source().ordinal(),
          Phase.RUNNING));
    } else if (action instanceof SeedAction.CreateTargetPod created) {
      boolean succeeds = targetSucceeds.getAsBoolean();
      pods.add(pod(created.ordinal(), created.attempt(), SeedNames.Role.TARGET, created.sourceOrdinal(),
          succeeds ? Phase.SUCCEEDED : Phase.FAILED));
      if (succeeds) {
        seedsRestored++;
        freshSeed.add(created.ordinal());
      }
    } else if (action instanceof SeedAction.MarkSeeded seeded) {
      claims.computeIfPresent(seeded.ordinal(), (ordinal, mark) -> Optional.of(seeded.sourcePod()));
    } else if (action instanceof SeedAction.ClearSeeded cleared) {
      claims.computeIfPresent(cleared.ordinal(), (ordinal, mark) -> Optional.empty());
    } else if (action instanceof SeedAction.DeletePod delete) {
      pods.removeIf(p -> p.name().equals(delete.name()));
    } else if (action instanceof SeedAction.DeleteToken token) {
      tokens.remove(token.ordinal());
    }
  }

  private static SeedPod pod(int ordinal, int attempt, SeedNames.Role role, int source, Phase phase) {
    String name = SeedNames.pod("db", ordinal, attempt, role);
    return new SeedPod(name, "uid-" + name, ordinal, attempt, role, source, phase, Optional.of("10.0.0." + ordinal),
        phase == Phase.FAILED ? Optional.of("seed-fetch: connection reset") : Optional.empty(), false);
  }
}
