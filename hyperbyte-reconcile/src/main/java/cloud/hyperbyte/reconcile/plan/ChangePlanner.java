package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.adoption.AdoptionInput;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlanner;
import cloud.hyperbyte.reconcile.apply.FieldDifference;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.apply.PlanEntry;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.decision.RestartReason;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.seed.SeedObjects;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.RecordedMemberFacts;
import cloud.hyperbyte.reconcile.status.ClusterStatusDeriver;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RenderOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans a change the way the operator will carry it out: starting from the live cluster (or from
 * nothing), it runs the operator's own pass ({@link ReconcilePass}: render, apply planning, lifecycle
 * and storage decisions) on the snapshot, projects the world after that pass succeeded
 * ({@link ClusterProjection}), and runs the next pass on that, until a pass has nothing left to do or
 * {@link #MAX_PASSES} is reached. The steps are the actions those passes decided, in order, so the
 * order (highest ordinal first, the leader last, one member out at a time) is the decisions' own; the
 * adoption of objects the Go operator made, decided inside the pass, adds its steps where the
 * operator takes them ({@link AdoptionSteps}), and so does the seeding of new members ({@link SeedSteps}).
 * The clock moves to each pass's requested next look, so waits (drain, {@code drainWaitSecs}) pass as
 * they would. Pure apart from the clock it is given.
 */
public final class ChangePlanner {

  /** The most passes projected: a rolling upgrade takes about four per member. */
  public static final int MAX_PASSES = 400;
  /** The owner UID of a cluster that does not exist yet. */
  static final String NEW_CLUSTER_UID = "planned-cluster";

  private final Instant start;
  private final LifecycleTimings timings;
  private final ApplyPlanner planner = ApplyPlanner.withDefaults();

  /**
   * @param start the instant of the first pass (the operator would look now)
   * @param timings the lifecycle's waits, as the operator runs with them
   */
  public ChangePlanner(Instant start, LifecycleTimings timings) {
    this.start = start;
    this.timings = timings;
  }

  /** What applying {@code spec} does to a cluster that has nothing yet. */
  public ChangePlan create(ClusterSpec spec, HyperbytedbCluster cluster, RenderOptions options) {
    return plan(spec, cluster, List.of(), name -> Optional.of(true), options);
  }

  /**
   * What applying {@code spec} does to the live cluster.
   *
   * @param cluster the HyperbytedbCluster with the new spec, the live metadata and the live status
   *     (the lifecycle's memory, and the members' database state as the operator last recorded it)
   * @param live the cluster's objects: StatefulSet, Services, ConfigMaps, PDB, HPA, Deployment, PVCs, pods
   * @param storageClasses {@code allowVolumeExpansion} per StorageClass name; empty when unknown
   */
  public ChangePlan plan(ClusterSpec spec, HyperbytedbCluster cluster, List<HasMetadata> live,
      Function<String, Optional<Boolean>> storageClasses, RenderOptions options) {
    return project(spec, cluster, live, storageClasses, options).plan();
  }

  /** A plan and the world its last pass left: the converged cluster, for a next plan on top. */
  record Outcome(ChangePlan plan, ProjectedCluster last) {}

  Outcome project(ClusterSpec spec, HyperbytedbCluster cluster, List<HasMetadata> live,
      Function<String, Optional<Boolean>> storageClasses, RenderOptions options) {
    String uid = Optional.ofNullable(cluster.getMetadata().getUid()).orElse(NEW_CLUSTER_UID);
    long generation = Optional.ofNullable(cluster.getMetadata().getGeneration()).orElse(1L);
    HyperbytedbClusterStatus initialStatus = Optional.ofNullable(cluster.getStatus()).orElse(new HyperbytedbClusterStatus());
    ProjectedCluster initial = new ProjectedCluster(cluster, live, Map.of());
    RecordedMemberFacts recorded = RecordedMemberFacts.from(initialStatus, initial.live(spec).memberPods(spec));
    ProjectedCluster state = new ProjectedCluster(cluster, live, recorded.facts());

    MovableClock clock = new MovableClock(start);
    ClusterLifecycle lifecycle = new ClusterLifecycle(clock, timings);
    ClusterStatusDeriver deriver = new ClusterStatusDeriver(clock);
    ClusterProjection projection = new ClusterProjection(planner);
    List<PlanStep> steps = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    Set<String> flagged = new LinkedHashSet<>();
    int maxOut = 0;
    List<HasMetadata> lastDesired = null;
    AdoptionSteps adoption = new AdoptionSteps();
    SeedSteps seeding = new SeedSteps();
    List<Secret> secretsWritten = PlannedCertificates.secretsWritten(spec, options.certificateHash());
    boolean finished = false;
    int passes = 0;
    int deciding = 0;
    while (passes < MAX_PASSES) {
      passes++;
      LiveObjects objects = state.live(spec);
      HyperbytedbClusterStatus status = Optional.ofNullable(state.cluster().getStatus())
          .orElse(new HyperbytedbClusterStatus());
      ObservedCluster observed = objects.observe(spec, state.cluster(), status, generation,
          ClusterRenderer.render(spec, options), objects.storage(spec, storageClasses), state.members());
      // the operator runs with its own image, so it seeds new members
      ReconcilePass pass = ReconcilePass.decide(observed, spec, options, lifecycle,
          AdoptionInput.of(state.cluster(), state.objects(), secretsWritten),
          Optional.of(SeedObjects.of(state.objects())));
      if (pass.releasesGoFinalizer()) {
        // the operator's pass does only this; the next one decides again on the patched cluster
        add(steps, adoption.finalizerRemoved(state.cluster()));
        state = projection.withoutFinalizer(state, AdoptionPlan.GO_FINALIZER);
        continue;
      }
      deciding++;
      adoption.beforeApply(pass.adoption()).forEach(step -> add(steps, step));
      ApplyPlan apply = new ApplyPlan(List.of(), List.of(), List.of(), List.of());
      if (pass.lifecycle().writesWorkloads()) {
        lastDesired = pass.desired(object -> false);
        apply = planner.plan(uid, lastDesired, pass.prunable(withoutPodsAndClaims(state.objects())));
        adoption.ofApply(pass.adoption(), apply).forEach(step -> add(steps, step));
      }
      for (Action action : pass.lifecycle().actions()) {
        adoption.lifecycleAction(action);
        add(steps, step(pass.observed(), action));
      }
      // the seeding's creates and marks run after the lifecycle's actions
      seeding.of(pass).forEach(step -> add(steps, step));
      for (Notice notice : pass.lifecycle().notices()) {
        if (notice.severity() != Notice.Severity.PROGRESSING) {
          flagged.add(notice.reason() + ": " + notice.message());
        } else if (deciding == 1) {
          notes.add(notice.reason() + ": " + notice.message());
        }
      }
      maxOut = Math.max(maxOut, membersOut(pass));
      HyperbytedbClusterStatus written = deriver.derive(pass.observed(), pass.lifecycle());
      ClusterProjection.After after = projection.after(state, pass, apply, written);
      after.steps().forEach(s -> add(steps, controllerStep(pass.observed(), s)));
      LifecycleMemory memory = pass.lifecycle().memory();
      // idle: the pass changed nothing, not even the lifecycle's memory, so the next one would see the same
      boolean idle = pass.lifecycle().actions().isEmpty() && !apply.hasWrites() && after.steps().isEmpty()
          && pass.seeding().map(seed -> seed.actions().isEmpty()).orElse(true)
          && memory.upgrade().isEmpty() && memory.scaleDown().isEmpty()
          && LifecycleMemory.from(status).equals(memory);
      state = after.cluster();
      if (idle) {
        finished = true;
        break;
      }
      Instant now = clock.instant();
      clock.moveTo(pass.lifecycle().requeueAt().filter(now::isBefore).orElse(now.plus(timings.poll())));
    }
    if (!finished) {
      flagged.add("the projection did not finish within " + MAX_PASSES + " passes: the operator may wait on something"
          + " the plan cannot see");
    }
    if (maxOut > 1) {
      flagged.add(maxOut + " members are out of service at once");
    }
    List<String> dataDeleted = steps.stream().filter(s -> s.action().equals("delete-pvc"))
        .map(s -> "PersistentVolumeClaim " + s.reason().split(" ")[0]).toList();
    dataDeleted.forEach(d -> flagged.add("data deleted: " + d));
    flagged.addAll(adoption.flagged());
    flagged.addAll(seeding.flagged());
    List<ChangePlan.ObjectChange> changes = objectChanges(uid, lastDesired, live, adoption, flagged);
    Set<String> restarted = new LinkedHashSet<>();
    steps.stream().filter(s -> s.action().equals("restart") || s.action().equals("delete-pod"))
        .forEach(s -> s.member().ifPresent(restarted::add));
    return new Outcome(new ChangePlan(changes, steps,
        new ChangePlan.Risks(restarted.size(), maxOut, dataDeleted, List.copyOf(flagged)),
        recorded.assumptions(), List.copyOf(notes), passes, finished), state);
  }

  /** A step the StatefulSet controller takes, which records no Event of the operator. */
  private static PlanStep controllerStep(ObservedCluster observed, ClusterProjection.ControllerStep step) {
    String reason = switch (step.action()) {
      case "start-member" -> step.existingVolume()
          ? "the StatefulSet creates the member pod on its existing volume " + observed.names().dataPvc(ordinal(step))
          : "the StatefulSet creates the member pod and its volume";
      case "stop-member" -> "the StatefulSet removes the member pod";
      default -> observed.names().dataPvc(ordinal(step))
          + " (the StatefulSet deletes it with the pod: whenScaled: Delete)";
    };
    return PlanStep.member(step.action(), Optional.of(step.pod()), reason, Optional.empty());
  }

  private static int ordinal(ClusterProjection.ControllerStep step) {
    return Integer.parseInt(step.pod().substring(step.pod().lastIndexOf('-') + 1));
  }

  /** A step that repeats the previous one on the same member (a member kept out each pass) is one step. */
  private static void add(List<PlanStep> steps, PlanStep step) {
    if (steps.isEmpty() || !steps.get(steps.size() - 1).repeats(step)) {
      steps.add(step);
    }
  }

  private static List<HasMetadata> withoutPodsAndClaims(List<HasMetadata> objects) {
    return objects.stream().filter(o -> !(o instanceof Pod) && !(o instanceof PersistentVolumeClaim)).toList();
  }

  /** Members a pass takes out on purpose, or keeps out: its disruptive actions and the operation's member. */
  private static int membersOut(ReconcilePass pass) {
    Set<Integer> out = new HashSet<>();
    pass.lifecycle().actions().stream().filter(Action::disruptive).filter(a -> a.ordinal() >= 0)
        .forEach(a -> out.add(a.ordinal()));
    pass.lifecycle().actions().stream().filter(Action.ReleaseRestart.class::isInstance).forEach(a -> out.add(a.ordinal()));
    LifecycleMemory memory = pass.lifecycle().memory();
    memory.upgrade().filter(u -> u.step().isPresent()).map(UpgradeProgress::ordinal)
        .ifPresent(o -> o.ifPresent(out::add));
    memory.scaleDown().ifPresent(d -> out.add(d.ordinal()));
    return out.size();
  }

  private List<ChangePlan.ObjectChange> objectChanges(String uid, List<HasMetadata> desired, List<HasMetadata> live,
      AdoptionSteps adoption, Set<String> flagged) {
    if (desired == null) {
      return List.of();
    }
    List<HasMetadata> liveObjects = withoutPodsAndClaims(live);
    ApplyPlan total = planner.plan(uid, desired,
        liveObjects.stream().filter(o -> !adoption.keeps(ObjectRef.of(o))).toList());
    List<ChangePlan.ObjectChange> changes = new ArrayList<>();
    for (PlanEntry.Apply apply : total.applies()) {
      if (apply.cause() == PlanEntry.ApplyCause.CREATED) {
        changes.add(new ChangePlan.ObjectChange(apply.ref().kind(), apply.ref().name(), "create", List.of()));
        continue;
      }
      HasMetadata current = liveObjects.stream().filter(o -> o.getKind().equals(apply.ref().kind())
          && o.getMetadata().getName().equals(apply.ref().name())).findFirst().orElseThrow();
      List<String> fields = planner.differences(apply.object(), current).stream().map(FieldDifference::path)
          .filter(path -> !path.startsWith("metadata.annotations")
              || !path.contains(cloud.hyperbyte.reconcile.apply.AppliedHash.ANNOTATION))
          .toList();
      if (fields.isEmpty()) {
        fields = List.of(apply.cause() == PlanEntry.ApplyCause.HASH_MISSING
            ? "(owned fields match; first apply by this operator: adoption)"
            : "(a field the operator set before is no longer set)");
      }
      changes.add(adoption.adjust(new ChangePlan.ObjectChange(apply.ref().kind(), apply.ref().name(), "update",
          fields)));
    }
    total.prunes().forEach(p -> changes.add(new ChangePlan.ObjectChange(p.ref().kind(), p.ref().name(), "delete",
        List.of())));
    total.conflicts().forEach(c -> {
      changes.add(new ChangePlan.ObjectChange(c.ref().kind(), c.ref().name(), "conflict", List.of()));
      flagged.add(c.ref().kind() + " " + c.ref().name() + " is " + c.reason() + ": the operator will not apply it");
    });
    total.unchanged().forEach(u -> changes.add(new ChangePlan.ObjectChange(u.ref().kind(), u.ref().name(),
        ChangePlan.ObjectChange.UNCHANGED, List.of())));
    changes.addAll(adoption.ownChanges());
    return changes;
  }

  /** The step an action is, with its member and reason in the words of the event it records. */
  private static PlanStep step(ObservedCluster observed, Action action) {
    Optional<String> event = Optional.of(action.event().reason());
    Optional<String> member = action.ordinal() >= 0 ? Optional.of(observed.names().pod(action.ordinal()))
        : Optional.empty();
    if (action instanceof Action.ReleaseRestart restart) {
      return PlanStep.member("restart", member, restartReason(observed, restart.ordinal(), restart.reasons()), event);
    }
    if (action instanceof Action.DeletePod delete && delete.reason().equals(Action.RESTART_EVENT)) {
      // with OnDelete the restart is the pod's deletion; its reasons are the template inputs that differ
      Set<RestartReason> reasons = observed.pod(delete.ordinal())
          .map(pod -> RestartReason.between(pod.inputs(), observed.targetInputs())).orElse(Set.of());
      return PlanStep.member("restart", member, reasons.isEmpty() ? delete.why()
          : restartReason(observed, delete.ordinal(), reasons), event);
    }
    if (action instanceof Action.DeletePod delete) {
      return PlanStep.member("delete-pod", member, delete.why(), event);
    }
    if (action instanceof Action.DrainMember drain) {
      return PlanStep.member("drain", member, "drains node " + drain.member().nodeId() + " before it leaves", event);
    }
    if (action instanceof Action.RemoveMember remove) {
      return PlanStep.member("remove-node", member, "removes node " + remove.member().nodeId()
          + " from the Raft voters through leader node " + remove.leader().nodeId(), event);
    }
    if (action instanceof Action.AddMember add) {
      return PlanStep.member("add-node", member, "adds node " + add.member().nodeId()
          + " as a Raft voter through leader node " + add.leader().nodeId() + ": " + add.why(), event);
    }
    if (action instanceof Action.DeletePvc pvc) {
      return PlanStep.member("delete-pvc", member, pvc.pvcName(), event);
    }
    if (action instanceof Action.ResizeVolume resize) {
      return PlanStep.member("resize-volume", member, resize.pvcName() + " " + resize.from() + " -> " + resize.size(),
          event);
    }
    if (action instanceof Action.OrphanStatefulSet orphan) {
      return PlanStep.object("replace-statefulset", "StatefulSet", orphan.name(), "deletes it with orphan"
          + " propagation (its pods and PVCs keep running) and creates it again " + orphan.why(), event);
    }
    if (action instanceof Action.ExcludeFromProxy) {
      return PlanStep.member("exclude-from-proxy", member, "the proxies stop routing to it", event);
    }
    return PlanStep.member("include-in-proxy", member, "the proxies route to it again", event);
  }

  /** {@code reason: version (image a -> b)}: the restart's reasons, with the images when the version changes. */
  private static String restartReason(ObservedCluster observed, int ordinal, Set<RestartReason> reasons) {
    String described = RestartReason.describe(reasons);
    Optional<String> from = observed.pod(ordinal).map(ObservedPod::inputs).flatMap(i -> i.image());
    Optional<String> to = observed.targetInputs().image();
    if (reasons.contains(RestartReason.VERSION) && from.isPresent() && to.isPresent()) {
      described += " (image " + from.get() + " -> " + to.get() + ")";
    }
    return described + "; waits until it is Ready, Active and a Raft voter again";
  }

  /** A clock the planner moves to each pass's next look. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void moveTo(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
