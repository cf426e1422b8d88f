package cloud.hyperbyte.reconcile.storage;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedVolume;
import cloud.hyperbyte.reconcile.snapshot.Sizes;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Volume growth (issue 12): when {@code spec.storage.volumeClaimTemplate.size} is larger than the live StatefulSet's data
 * claim template,
 * <ol>
 *   <li>every data PVC's StorageClass must allow expansion, else nothing is touched
 *       ({@code StorageClassNotExpandable});</li>
 *   <li>each PVC below the size is patched to it (the resizer and kubelet grow it online);</li>
 *   <li>once every PVC asks for the size and no other operation is under way, the StatefulSet is
 *       deleted with orphan propagation; while it goes it is not written, and once gone the normal
 *       apply creates it with the new template and it adopts the running pods.</li>
 * </ol>
 * Until the last step the StatefulSet is applied with its live claim size, which the API server
 * would refuse to change. A smaller size is refused and nothing is touched. Each step is decided
 * from what is observed, so a pass interrupted anywhere (operator restart, API fault) is completed by
 * the next one. Pure.
 */
public final class StorageGrowthDecision {

  private StorageGrowthDecision() {}

  public static StoragePlan decide(ObservedCluster observed) {
    Quantity desired = new Quantity(observed.spec().storage().size());
    String wanted = observed.spec().storage().size();
    List<ObservedVolume> volumes = observed.storage().volumes();
    Optional<StatefulSet> live = observed.statefulSet();
    if (live.isEmpty()) {
      return StoragePlan.none(List.of()); // created (again) from the rendered template
    }
    StatefulSet statefulSet = live.get();
    if (statefulSet.getMetadata().getDeletionTimestamp() != null) {
      return new StoragePlan(List.of(), StoragePlan.StatefulSetWrite.SKIP, Optional.empty(),
          List.of(Notice.progressing("StorageResizing", "Waiting for StatefulSet " + statefulSet.getMetadata().getName()
              + " to be deleted (its pods keep running) before creating it again with " + wanted + " volume claims")));
    }
    Optional<Quantity> templateSize = claimTemplateSize(statefulSet);
    if (templateSize.isEmpty()) {
      return StoragePlan.none(List.of());
    }
    String liveSize = Sizes.text(templateSize.get());
    int direction = Sizes.compare(desired, templateSize.get());
    if (direction < 0) {
      return keep(liveSize, List.of(), Notice.degraded("StorageShrinkRefused", "spec.storage.volumeClaimTemplate.size " + wanted
          + " is smaller than the data volumes' " + liveSize + ": Kubernetes cannot shrink a PersistentVolumeClaim, "
          + "so nothing was changed; set spec.storage.volumeClaimTemplate.size to " + liveSize + " or more"));
    }
    List<ObservedVolume> behind = volumes.stream().filter(v -> v.requestsLessThan(desired)).toList();
    if (direction == 0 && behind.isEmpty()) {
      return StoragePlan.none(resizeUnderway(volumes, desired, wanted));
    }
    // volumes that already ask for the size were admitted by the API server: only the others are checked
    Optional<String> refusal = notExpandable(observed, behind);
    if (refusal.isPresent()) {
      Notice notice = Notice.degraded("StorageClassNotExpandable", "spec.storage.volumeClaimTemplate.size asks for " + wanted + " but "
          + refusal.get() + "; nothing was changed. Use a StorageClass with allowVolumeExpansion: true, or set "
          + "spec.storage.volumeClaimTemplate.size back to " + liveSize);
      return direction > 0 ? keep(liveSize, List.of(), notice) : StoragePlan.none(List.of(notice));
    }
    if (observed.spec().paused() || observed.spec().heldBy().isPresent()) {
      return direction > 0 ? keep(liveSize, List.of(), Notice.progressing("StorageResizing", "Growing the data "
          + "volumes to " + wanted + " waits until the cluster is no longer paused or held")) : StoragePlan.none(List.of());
    }
    if (!behind.isEmpty()) {
      List<Action> resizes = new ArrayList<>();
      behind.forEach(v -> resizes.add(new Action.ResizeVolume(v.name(), v.ordinal(), wanted,
          v.requested().map(Sizes::text).orElse("unset"))));
      Notice notice = Notice.progressing("StorageResizing", "Growing the data volumes from " + liveSize + " to "
          + wanted + ": requesting " + wanted + " for " + behind.stream().map(ObservedVolume::name)
              .collect(Collectors.joining(", ")));
      return direction > 0 ? keep(liveSize, resizes, notice) : new StoragePlan(resizes,
          StoragePlan.StatefulSetWrite.AS_RENDERED, Optional.empty(), List.of(notice));
    }
    Optional<String> busy = otherOperation(observed);
    if (busy.isPresent()) {
      return keep(liveSize, List.of(), Notice.progressing("StorageResizing", "Every data volume asks for " + wanted
          + "; the StatefulSet is re-created with " + wanted + " volume claims once " + busy.get()));
    }
    String name = statefulSet.getMetadata().getName();
    return keep(liveSize, List.of(new Action.OrphanStatefulSet(name, statefulSet.getMetadata().getUid(),
            "with " + wanted + " volume claims (was " + liveSize + ")")),
        Notice.progressing("StorageResizing", "Every data volume asks for " + wanted + "; replacing StatefulSet "
            + name + " (its pods keep running) so that new volume claims get " + wanted));
  }

  /** The live StatefulSet's data claim template size. */
  static Optional<Quantity> claimTemplateSize(StatefulSet statefulSet) {
    List<PersistentVolumeClaim> templates = statefulSet.getSpec() == null ? null
        : statefulSet.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return Optional.empty();
    }
    return templates.stream()
        .filter(t -> t.getMetadata() != null && ClusterNames.DATA_VOLUME.equals(t.getMetadata().getName()))
        .findFirst()
        .map(t -> t.getSpec() == null || t.getSpec().getResources() == null ? null
            : t.getSpec().getResources().getRequests())
        .map(requests -> requests.get("storage"));
  }

  private static StoragePlan keep(String liveSize, List<Action> actions, Notice notice) {
    return new StoragePlan(actions, StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE, Optional.of(liveSize),
        List.of(notice));
  }

  /** Why the volumes cannot grow, naming each class and its PVCs; empty when every class allows it. */
  private static Optional<String> notExpandable(ObservedCluster observed, List<ObservedVolume> volumes) {
    Map<String, List<String>> byProblem = new TreeMap<>();
    Map<String, Optional<Boolean>> classes = observed.storage().expansion();
    for (ObservedVolume volume : volumes) {
      String problem;
      if (volume.storageClassName().isEmpty()) {
        problem = "no StorageClass";
      } else {
        String name = volume.storageClassName().get();
        Optional<Boolean> allows = classes.getOrDefault(name, Optional.empty());
        if (allows.isEmpty()) {
          problem = "StorageClass \"" + name + "\", which does not exist (or the operator cannot read it)";
        } else if (!allows.get()) {
          problem = "StorageClass \"" + name + "\", which does not allow volume expansion";
        } else {
          continue;
        }
      }
      byProblem.computeIfAbsent(problem, p -> new ArrayList<>()).add(volume.name());
    }
    if (byProblem.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(byProblem.entrySet().stream()
        .map(e -> String.join(", ", e.getValue()) + (e.getValue().size() == 1 ? " has " : " have ") + e.getKey())
        .collect(Collectors.joining("; ")));
  }

  /** An operation the StatefulSet must not be replaced under (it would lose the operator's partition or replicas). */
  private static Optional<String> otherOperation(ObservedCluster observed) {
    LifecycleMemory memory = LifecycleMemory.from(observed.lastStatus());
    if (memory.upgrade().isPresent() || observed.podTemplatePending()) {
      return Optional.of("the rolling upgrade is done");
    }
    if (memory.scaleDown().isPresent() || observed.statefulSetReplicas() != observed.spec().effectiveReplicas()) {
      return Optional.of("scaling is done");
    }
    if (!observed.statefulSetSettled()) {
      return Optional.of("the StatefulSet controller caught up with its spec");
    }
    return Optional.empty();
  }

  /** Progress while the resizer and kubelet finish volumes that already ask for the size. */
  private static List<Notice> resizeUnderway(List<ObservedVolume> volumes, Quantity desired, String wanted) {
    // a volume not bound yet has no capacity: it is being provisioned, not grown
    List<String> growing = volumes.stream()
        .filter(v -> v.resizeCondition().isPresent() || (v.capacity().isPresent() && !v.has(desired)))
        .map(v -> v.name() + v.resizeCondition().map(c -> " (" + c + ")").orElse("")).toList();
    if (growing.isEmpty()) {
      return List.of();
    }
    return List.of(Notice.progressing("StorageResizing", "Data volumes growing to " + wanted + ": "
        + String.join(", ", growing) + (volumes.stream().anyMatch(v -> v.resizeCondition()
            .filter(ObservedVolume.FS_RESIZE_PENDING::equals).isPresent())
            ? "; the kubelet grows the filesystem while the member runs" : "")));
  }
}
