package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans the server-side applies and prunes that bring live objects to the desired ones. Pure: no
 * I/O, no clock; equal inputs give equal plans.
 *
 * <p>A desired object is applied when it is absent, when an operator-owned field is missing or
 * different in the live object ({@link OwnedFieldComparison}: desired ⊆ live), or when the
 * {@link AppliedHash} on the live object is not the hash of the desired object (catches fields the
 * operator removed). Otherwise it is unchanged and costs no request: server defaults, status, and
 * what other controllers and kubectl write never cause an apply, so the operator and those writers
 * never take turns overwriting each other.
 *
 * <p>A live object is pruned when it is not desired, its kind is one of {@link PrunableKinds}, it
 * carries both ownership marks ({@link Ownership}), and it is not already being deleted. Objects
 * without both marks are never touched, whatever their labels.
 *
 * <p>A desired object that exists under another controller is reported as a conflict, not applied.
 * One that exists without any controller (created by hand, or by an older operator that set only
 * labels) is adopted: the apply adds the owner reference the desired object carries.
 */
public final class ApplyPlanner {

  private final ForeignFields foreignFields;

  /** A planner that leaves {@code foreignFields} to other writers. */
  public ApplyPlanner(ForeignFields foreignFields) {
    this.foreignFields = Objects.requireNonNull(foreignFields, "foreignFields");
  }

  /** A planner with {@link ForeignFields#defaults()}. */
  public static ApplyPlanner withDefaults() {
    return new ApplyPlanner(ForeignFields.defaults());
  }

  /**
   * The plan for one cluster.
   *
   * @param ownerUid UID of the HyperbytedbCluster, the controller owner of everything it renders
   * @param desired rendered objects (any order; each identity at most once)
   * @param live objects observed for the cluster, typically everything the informers hold in its
   *     namespace with its labels; foreign objects among them are left alone
   */
  public ApplyPlan plan(String ownerUid, List<? extends HasMetadata> desired, Collection<? extends HasMetadata> live) {
    Objects.requireNonNull(ownerUid, "ownerUid");
    Map<ObjectRef.Identity, HasMetadata> liveByIdentity = new HashMap<>();
    for (HasMetadata object : live) {
      liveByIdentity.put(ObjectRef.of(object).identity(), object);
    }
    List<PlanEntry.Apply> applies = new ArrayList<>();
    List<PlanEntry.Unchanged> unchanged = new ArrayList<>();
    List<PlanEntry.Conflict> conflicts = new ArrayList<>();
    Set<ObjectRef.Identity> desiredIdentities = new LinkedHashSet<>();
    for (HasMetadata object : sorted(desired, ApplyOrder.APPLY)) {
      ObjectRef ref = ObjectRef.of(object);
      if (!desiredIdentities.add(ref.identity())) {
        throw new IllegalArgumentException("desired twice: " + ref);
      }
      HasMetadata current = liveByIdentity.get(ref.identity());
      Optional<String> otherController =
          current == null ? Optional.empty() : Ownership.controlledByOther(current, ownerUid);
      if (otherController.isPresent()) {
        conflicts.add(new PlanEntry.Conflict(ref, otherController.get()));
        continue;
      }
      planOne(ref, object, current).ifPresentOrElse(applies::add, () -> unchanged.add(new PlanEntry.Unchanged(ref)));
    }
    List<PlanEntry.Prune> prunes = new ArrayList<>();
    // Ties broken by name: the plan must not depend on the order the informer lists objects in.
    Comparator<ObjectRef> pruneOrder =
        ApplyOrder.PRUNE.thenComparing(ObjectRef::kind).thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);
    for (HasMetadata object : sorted(List.copyOf(live), pruneOrder)) {
      ObjectRef ref = ObjectRef.of(object);
      if (!desiredIdentities.contains(ref.identity()) && prunable(ref, object, ownerUid)) {
        prunes.add(new PlanEntry.Prune(ref, object.getMetadata().getUid()));
      }
    }
    return new ApplyPlan(applies, prunes, unchanged, conflicts);
  }

  /**
   * Every operator-owned field of {@code desired} that {@code live} lacks or holds with another value,
   * compared as {@link #plan} compares them (foreign fields left out): what a server-side apply of
   * {@code desired} would change. Paths only, never values.
   */
  public List<FieldDifference> differences(HasMetadata desired, HasMetadata live) {
    ObjectNode tree = ObjectJson.tree(desired);
    foreignFields.strip(ObjectRef.of(desired).groupKind(), tree);
    return OwnedFieldComparison.differences(tree, ObjectJson.tree(live));
  }

  private Optional<PlanEntry.Apply> planOne(ObjectRef ref, HasMetadata desired, HasMetadata current) {
    ObjectNode tree = ObjectJson.tree(desired);
    foreignFields.strip(ref.groupKind(), tree);
    String hash = AppliedHash.of(tree);
    PlanEntry.ApplyCause cause;
    Optional<FieldDifference> difference = Optional.empty();
    if (current == null) {
      cause = PlanEntry.ApplyCause.CREATED;
    } else {
      ObjectNode liveTree = ObjectJson.tree(current);
      difference = OwnedFieldComparison.firstDifference(tree, liveTree);
      Optional<String> recorded = AppliedHash.recorded(liveTree);
      if (difference.isPresent()) {
        cause = PlanEntry.ApplyCause.FIELD_DIFFERS;
      } else if (recorded.isEmpty()) {
        cause = PlanEntry.ApplyCause.HASH_MISSING;
      } else if (!recorded.get().equals(hash)) {
        cause = PlanEntry.ApplyCause.HASH_CHANGED;
      } else {
        return Optional.empty();
      }
    }
    AppliedHash.stamp(tree, hash);
    return Optional.of(new PlanEntry.Apply(ref, ObjectJson.toObject(tree, desired), cause, difference));
  }

  private static boolean prunable(ObjectRef ref, HasMetadata live, String ownerUid) {
    return PrunableKinds.contains(ref.groupKind())
        && Ownership.ownedBy(live, ownerUid)
        && live.getMetadata().getDeletionTimestamp() == null
        && live.getMetadata().getUid() != null;
  }

  private static List<HasMetadata> sorted(List<? extends HasMetadata> objects, Comparator<ObjectRef> order) {
    List<HasMetadata> copy = new ArrayList<>(objects);
    copy.sort(Comparator.comparing(ObjectRef::of, order));
    return copy;
  }
}
