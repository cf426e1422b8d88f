package cloud.hyperbyte.reconcile.plan;

import java.util.List;
import java.util.Objects;

/**
 * What applying a spec will do, as {@code hyperbyte plan} reports it: each object the operator
 * applies, the lifecycle steps in order, the risks, and what was assumed.
 *
 * @param objects every object the operator writes or prunes, and the ones it leaves unchanged
 * @param steps lifecycle steps in order, a step repeated on the same member in consecutive passes once
 * @param risks the risk summary
 * @param assumptions what the input did not say and the plan assumed
 * @param notes what the operator reports meanwhile (paused, waiting, refused), once each
 * @param passes reconcile passes projected
 * @param finished whether the projection reached a pass with nothing left to do
 */
public record ChangePlan(List<ObjectChange> objects, List<PlanStep> steps, Risks risks, List<String> assumptions,
    List<String> notes, int passes, boolean finished) {

  public ChangePlan {
    objects = List.copyOf(objects);
    steps = List.copyOf(steps);
    Objects.requireNonNull(risks, "risks");
    assumptions = List.copyOf(assumptions);
    notes = List.copyOf(notes);
  }

  /** Whether anything changes: an object written or deleted, or a lifecycle step. */
  public boolean changes() {
    return !steps.isEmpty() || objects.stream().anyMatch(ObjectChange::changes);
  }

  /**
   * One object and what happens to it.
   *
   * @param kind e.g. {@code StatefulSet}
   * @param name {@code metadata.name}
   * @param action {@code create}, {@code update}, {@code delete}, {@code unchanged}, {@code conflict}
   *     (controlled by another owner: the operator does not touch it), {@code replace} (deleted and
   *     created again: an object the Go operator made that cannot be changed into this operator's), or
   *     {@code kept} (made by the Go operator, left running and not managed)
   * @param fields for an update or a replacement, the owned fields that change (server-side apply
   *     paths); for a Secret replaced, its type change
   */
  public record ObjectChange(String kind, String name, String action, List<String> fields) {
    public static final String UNCHANGED = "unchanged";
    public static final String REPLACE = "replace";
    public static final String KEPT = "kept";

    public ObjectChange {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      fields = List.copyOf(fields);
    }

    /** Whether the operator writes or deletes the object. */
    public boolean changes() {
      return !action.equals(UNCHANGED) && !action.equals(KEPT);
    }
  }

  /**
   * @param membersRestarted distinct members restarted (or their pods deleted)
   * @param maxMembersOutAtOnce the most members out of service on purpose at once
   * @param dataDeleted data the plan deletes, e.g. {@code PersistentVolumeClaim data-db-4}
   * @param flagged what needs a person's attention
   */
  public record Risks(int membersRestarted, int maxMembersOutAtOnce, List<String> dataDeleted, List<String> flagged) {
    public Risks {
      dataDeleted = List.copyOf(dataDeleted);
      flagged = List.copyOf(flagged);
    }
  }
}
