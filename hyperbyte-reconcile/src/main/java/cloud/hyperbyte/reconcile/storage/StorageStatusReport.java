package cloud.hyperbyte.reconcile.storage;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.StorageStatus;
import cloud.hyperbyte.model.v1alpha1.VolumeStatus;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedVolume;
import cloud.hyperbyte.reconcile.snapshot.Sizes;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Volume growth in status: {@code status.storage} (requested size, smallest capacity, each volume's
 * capacity and state), the conditions {@code StorageResizable} and {@code StorageResized}, and Events
 * when a volume waits for its filesystem resize, finishes, or growth is refused. Written only once
 * a size change was asked for, so clusters that never resized keep their status as it was.
 */
public final class StorageStatusReport {

  public static final String RESIZABLE = "StorageResizable";
  public static final String RESIZED = "StorageResized";
  static final Set<String> REFUSALS = Set.of("StorageClassNotExpandable", "StorageShrinkRefused");
  static final String RESIZED_STATE = "Resized";
  static final String PENDING_STATE = "Pending";

  private StorageStatusReport() {}

  /** Adds the storage status and conditions to {@code status} (derived from {@code observed}) when a resize is in play. */
  public static void put(HyperbytedbClusterStatus status, ObservedCluster observed, StoragePlan plan, Instant now) {
    String wanted = observed.spec().storage().size();
    Quantity desired = new Quantity(wanted);
    List<ObservedVolume> volumes = observed.storage().volumes();
    boolean inPlay = observed.lastStatus().getStorage() != null || !plan.notices().isEmpty()
        || volumes.stream().anyMatch(v -> v.resizeCondition().isPresent()
            || v.requested().filter(r -> Sizes.compare(r, desired) != 0).isPresent()
            || v.capacity().filter(c -> Sizes.compare(c, desired) < 0).isPresent());
    if (!inPlay) {
      return;
    }
    StorageStatus storage = new StorageStatus();
    storage.setRequested(wanted);
    List<VolumeStatus> entries = new ArrayList<>();
    for (ObservedVolume volume : volumes.stream().sorted(Comparator.comparingInt(ObservedVolume::ordinal)).toList()) {
      VolumeStatus entry = new VolumeStatus();
      entry.setName(volume.name());
      entry.setCapacity(volume.capacity().map(Sizes::text).orElse(null));
      entry.setState(state(volume, desired));
      entries.add(entry);
    }
    storage.setVolumes(entries.isEmpty() ? null : entries);
    volumes.stream().flatMap(v -> v.capacity().stream()).min(Sizes::compare)
        .ifPresent(smallest -> storage.setCapacity(Sizes.text(smallest)));
    status.setStorage(storage);

    List<Condition> previous = ClusterConditions.of(observed.lastStatus());
    long generation = observed.generation();
    Optional<Notice> refusal = plan.notices().stream().filter(n -> REFUSALS.contains(n.reason())).findFirst();
    ClusterConditions.put(status, ClusterConditions.condition(previous, RESIZABLE, refusal.isEmpty(),
        refusal.map(Notice::reason).orElse("Resizable"),
        refusal.map(Notice::message).orElse("spec.storage.volumeClaimTemplate.size " + wanted + " can be applied to the data volumes"),
        generation, now));
    List<VolumeStatus> notDone = entries.stream().filter(e -> !RESIZED_STATE.equals(e.getState())).toList();
    boolean done = refusal.isEmpty() && notDone.isEmpty();
    String reason = refusal.isPresent() ? "NotResized"
        : notDone.stream().anyMatch(e -> ObservedVolume.FS_RESIZE_PENDING.equals(e.getState()))
            ? ObservedVolume.FS_RESIZE_PENDING : "Resizing";
    ClusterConditions.put(status, ClusterConditions.condition(previous, RESIZED, done, done ? "Resized" : reason,
        done ? "Every data volume has " + wanted
            : refusal.isPresent() ? "The data volumes keep their size: " + refusal.get().message()
                : "Growing to " + wanted + ": " + notDone.stream().map(e -> e.getName() + " " + e.getState())
                    .collect(Collectors.joining(", ")),
        generation, now));
    if (observed.statefulSet().isEmpty() && !observed.pods().isEmpty() && observed.lastStatus().getPhase() != null) {
      // the StatefulSet is being re-created around running members: nothing about them changed
      status.setPhase(observed.lastStatus().getPhase());
    }
  }

  /** Events for what changed between two statuses: a volume's state, or growth being refused. */
  public static List<ClusterEvent> events(HyperbytedbClusterStatus previous, HyperbytedbClusterStatus next) {
    List<ClusterEvent> events = new ArrayList<>();
    if (next.getStorage() == null) {
      return events;
    }
    Map<String, String> before = previous == null || previous.getStorage() == null
        || previous.getStorage().getVolumes() == null ? Map.of()
        : previous.getStorage().getVolumes().stream().collect(Collectors.toMap(VolumeStatus::getName,
            v -> String.valueOf(v.getState()), (a, b) -> a));
    for (VolumeStatus volume : Optional.ofNullable(next.getStorage().getVolumes()).orElse(List.of())) {
      String was = before.get(volume.getName());
      if (volume.getState().equals(was)) {
        continue;
      }
      if (ObservedVolume.FS_RESIZE_PENDING.equals(volume.getState())) {
        events.add(ClusterEvent.normal(ObservedVolume.FS_RESIZE_PENDING, "PVC " + volume.getName() + " grew to "
            + next.getStorage().getRequested() + "; the kubelet grows its filesystem while the member runs", null));
      } else if (RESIZED_STATE.equals(volume.getState()) && was != null) {
        events.add(ClusterEvent.normal("VolumeResized", "PVC " + volume.getName() + " now has "
            + volume.getCapacity(), null));
      }
    }
    Function<HyperbytedbClusterStatus, Optional<Condition>> resizable = s -> ClusterConditions.of(s).stream()
        .filter(c -> RESIZABLE.equals(c.getType())).findFirst();
    Optional<Condition> now = resizable.apply(next);
    Optional<Condition> then = previous == null ? Optional.empty() : resizable.apply(previous);
    if (now.filter(c -> "False".equals(c.getStatus())).isPresent()
        && !now.map(Condition::getReason).equals(then.filter(c -> "False".equals(c.getStatus())).map(Condition::getReason))) {
      events.add(ClusterEvent.warning(now.get().getReason(), now.get().getMessage(), null));
    }
    return events;
  }

  private static String state(ObservedVolume volume, Quantity desired) {
    if (volume.requestsLessThan(desired)) {
      return PENDING_STATE;
    }
    if (volume.resizeCondition().isPresent()) {
      return volume.resizeCondition().get();
    }
    if (volume.capacity().isEmpty()) {
      return PENDING_STATE;
    }
    return volume.has(desired) ? RESIZED_STATE : ObservedVolume.RESIZING;
  }
}
