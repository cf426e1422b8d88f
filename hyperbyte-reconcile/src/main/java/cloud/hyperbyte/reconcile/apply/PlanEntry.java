package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.Optional;

/** One line of an {@link ApplyPlan}: which object, what happens to it, and why. */
public sealed interface PlanEntry {

  /** The object concerned. */
  ObjectRef ref();

  /** Why, for logs and the {@code plan} command. */
  String reason();

  /** Why an object is applied. */
  enum ApplyCause {
    /** Not in the live set. */
    CREATED,
    /** An owned field is missing or has another value (drift, or desired changed). */
    FIELD_DIFFERS,
    /** Owned fields match but the desired object changed since it was applied: a field was removed. */
    HASH_CHANGED,
    /** Owned fields match but the object was never applied by this operator (adoption, migration). */
    HASH_MISSING
  }

  /**
   * A server-side apply of {@code object} (a copy of the desired object without foreign fields and
   * with the {@link AppliedHash} annotation). Treat the object as read-only.
   */
  record Apply(ObjectRef ref, HasMetadata object, ApplyCause cause, Optional<FieldDifference> difference)
      implements PlanEntry {

    public Apply {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(difference, "difference");
    }

    @Override
    public String reason() {
      return switch (cause) {
        case CREATED -> "created";
        case FIELD_DIFFERS -> difference.map(FieldDifference::toString).orElse("field differs");
        case HASH_CHANGED -> "hash changed";
        case HASH_MISSING -> "hash missing";
      };
    }
  }

  /** A delete of an owned object no longer desired, conditional on the live UID. */
  record Prune(ObjectRef ref, String uid) implements PlanEntry {

    public Prune {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(uid, "uid");
    }

    @Override
    public String reason() {
      return "no longer desired";
    }
  }

  /** A desired object whose live state already matches: no request. */
  record Unchanged(ObjectRef ref) implements PlanEntry {

    public Unchanged {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String reason() {
      return "owned fields match, hash equal";
    }
  }

  /**
   * A desired object that exists but is controlled by another owner: not applied (the API server
   * would refuse a second controller reference, and taking it over silently would steal it).
   */
  record Conflict(ObjectRef ref, String controllerUid) implements PlanEntry {

    public Conflict {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(controllerUid, "controllerUid");
    }

    @Override
    public String reason() {
      return "controlled by another owner (uid " + controllerUid + ")";
    }
  }
}
