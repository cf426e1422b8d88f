package cloud.hyperbyte.reconcile.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The requests one reconcile makes for its objects, in the order they go out: {@link #applies()}
 * (dependency order), then {@link #prunes()} (reverse order). {@link #unchanged()} and {@link
 * #conflicts()} cause no request and are there to be logged and printed.
 */
public record ApplyPlan(
    List<PlanEntry.Apply> applies,
    List<PlanEntry.Prune> prunes,
    List<PlanEntry.Unchanged> unchanged,
    List<PlanEntry.Conflict> conflicts) {

  public ApplyPlan {
    applies = List.copyOf(Objects.requireNonNull(applies, "applies"));
    prunes = List.copyOf(Objects.requireNonNull(prunes, "prunes"));
    unchanged = List.copyOf(Objects.requireNonNull(unchanged, "unchanged"));
    conflicts = List.copyOf(Objects.requireNonNull(conflicts, "conflicts"));
  }

  /** Whether executing the plan sends any request. */
  public boolean hasWrites() {
    return !applies.isEmpty() || !prunes.isEmpty();
  }

  /** Requests executing the plan sends. */
  public int writeCount() {
    return applies.size() + prunes.size();
  }

  /**
   * One line per object, requests first in execution order: {@code apply StatefulSet prod/db: field
   * spec.replicas differs}.
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    applies.forEach(e -> lines.add(line("apply", e)));
    prunes.forEach(e -> lines.add(line("prune", e)));
    conflicts.forEach(e -> lines.add(line("conflict", e)));
    unchanged.forEach(e -> lines.add(line("unchanged", e)));
    return lines;
  }

  private static String line(String action, PlanEntry entry) {
    return String.format(Locale.ROOT, "%-9s %s: %s", action, entry.ref(), entry.reason());
  }
}
