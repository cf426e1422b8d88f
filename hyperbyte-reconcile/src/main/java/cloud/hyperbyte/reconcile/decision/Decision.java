package cloud.hyperbyte.reconcile.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one decision concluded: actions, the memory to keep, notices, when to look again, and the
 * StatefulSet replicas or partition it needs (empty: no opinion).
 */
public record Decision(
    List<Action> actions,
    LifecycleMemory memory,
    List<Notice> notices,
    Optional<Instant> requeueAt,
    OptionalInt statefulSetReplicas,
    OptionalInt partition) {

  public Decision {
    actions = List.copyOf(actions);
    Objects.requireNonNull(memory, "memory");
    notices = List.copyOf(notices);
    Objects.requireNonNull(requeueAt, "requeueAt");
    Objects.requireNonNull(statefulSetReplicas, "statefulSetReplicas");
    Objects.requireNonNull(partition, "partition");
  }

  /** Nothing to do; memory unchanged. */
  public static Decision none(LifecycleMemory memory) {
    return builder(memory).build();
  }

  public static Builder builder(LifecycleMemory memory) {
    return new Builder(memory);
  }

  /** Whether the decision asked for any action. */
  public boolean acts() {
    return !actions.isEmpty();
  }

  /** Collects a decision. */
  public static final class Builder {
    private final List<Action> actions = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private LifecycleMemory memory;
    private Instant requeueAt;
    private OptionalInt replicas = OptionalInt.empty();
    private OptionalInt partition = OptionalInt.empty();

    private Builder(LifecycleMemory memory) {
      this.memory = Objects.requireNonNull(memory, "memory");
    }

    public Builder act(Action action) {
      actions.add(action);
      return this;
    }

    public Builder notice(Notice notice) {
      notices.add(notice);
      return this;
    }

    public Builder memory(LifecycleMemory value) {
      memory = value;
      return this;
    }

    public LifecycleMemory memory() {
      return memory;
    }

    /** Look again no later than {@code at}. */
    public Builder requeueAt(Instant at) {
      requeueAt = requeueAt == null || at.isBefore(requeueAt) ? at : requeueAt;
      return this;
    }

    public Builder replicas(int value) {
      replicas = OptionalInt.of(value);
      return this;
    }

    public Builder partition(int value) {
      partition = OptionalInt.of(value);
      return this;
    }

    public Decision build() {
      return new Decision(actions, memory, notices, Optional.ofNullable(requeueAt), replicas, partition);
    }
  }
}
