package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Standard conditions of backup and restore status, edited as Kubernetes expects: one condition
 * per type, {@code lastTransitionTime} kept while the status (True/False) does not change (the rule
 * of {@link Conditions}, shared with the cluster's status).
 */
public final class StatusConditions {

  private final List<Condition> conditions;
  private final long generation;

  private StatusConditions(List<Condition> conditions, long generation) {
    this.conditions = conditions;
    this.generation = generation;
  }

  /** Editable copy of {@code existing} (may be null); new conditions carry {@code generation}. */
  public static StatusConditions of(List<Condition> existing, long generation) {
    List<Condition> copy = new ArrayList<>();
    if (existing != null) {
      existing.forEach(c -> copy.add(new ConditionBuilder(c).build()));
    }
    return new StatusConditions(copy, generation);
  }

  /** The condition of {@code type}. */
  public Optional<Condition> get(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether a condition of {@code type} is True. */
  public boolean isTrue(String type) {
    return get(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Sets a condition, keeping its transition time unless its status flips ({@link Conditions#transitioned}). */
  public StatusConditions set(String type, boolean status, String reason, String message, Instant now) {
    return put(Conditions.transitioned(conditions, type, status, reason, message, generation, now));
  }

  /** Sets a condition with {@code since} as its transition time, whatever it was. */
  public StatusConditions setAt(String type, boolean status, String reason, String message, Instant since) {
    return put(Conditions.transitioned(List.of(), type, status, reason, message, generation, since));
  }

  /** Removes the condition of {@code type}. */
  public StatusConditions remove(String type) {
    conditions.removeIf(c -> type.equals(c.getType()));
    return this;
  }

  private StatusConditions put(Condition condition) {
    for (int i = 0; i < conditions.size(); i++) {
      if (condition.getType().equals(conditions.get(i).getType())) {
        conditions.set(i, condition);
        return this;
      }
    }
    conditions.add(condition);
    return this;
  }

  /** The conditions, in the order they were first set. */
  public List<Condition> toList() {
    return List.copyOf(conditions);
  }
}
