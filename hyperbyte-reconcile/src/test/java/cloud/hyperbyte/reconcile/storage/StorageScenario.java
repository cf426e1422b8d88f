package cloud.hyperbyte.reconcile.storage;

import cloud.hyperbyte.model.spec.ImmutableStorageSettings;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedStorage;
import cloud.hyperbyte.reconcile.snapshot.ObservedVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link Scenario} with storage: the spec's size, the live StatefulSet's data claim template, each
 * member volume's request, capacity, class and resize condition, and the StorageClasses.
 */
final class StorageScenario {

  private Scenario base;
  private String specSize = "10Gi";
  private String templateSize = "10Gi";
  private final List<ObservedVolume> volumes = new ArrayList<>();
  private final Map<String, Optional<Boolean>> classes = new LinkedHashMap<>();
  private boolean statefulSetGone;
  private boolean statefulSetTerminating;

  private StorageScenario(Scenario base, int members) {
    this.base = base;
    for (int ordinal = 0; ordinal < members; ordinal++) {
      volumes.add(volumeOf(ordinal, "standard", "10Gi", "10Gi", null));
    }
    classes.put("standard", Optional.of(true));
  }

  /** Three members on 10Gi volumes of the expandable class {@code standard}, spec and template 10Gi. */
  static StorageScenario threeMembers() {
    return new StorageScenario(Scenario.running(3), 3);
  }

  StorageScenario scenario(UnaryOperator<Scenario> change) {
    base = change.apply(base);
    return this;
  }

  StorageScenario specSize(String size) {
    specSize = size;
    return this;
  }

  StorageScenario templateSize(String size) {
    templateSize = size;
    return this;
  }

  /** Replaces member {@code ordinal}'s volume. */
  StorageScenario volume(int ordinal, String storageClass, String requested, String capacity, String condition) {
    volumes.set(ordinal, volumeOf(ordinal, storageClass, requested, capacity, condition));
    return this;
  }

  /** Every member volume asks for {@code requested} and reports {@code capacity}. */
  StorageScenario volumes(String requested, String capacity, String condition) {
    for (int ordinal = 0; ordinal < volumes.size(); ordinal++) {
      volume(ordinal, volumes.get(ordinal).storageClassName().orElse(null), requested, capacity, condition);
    }
    return this;
  }

  StorageScenario storageClass(String name, Optional<Boolean> allowsExpansion) {
    classes.put(name, allowsExpansion);
    return this;
  }

  StorageScenario statefulSetGone() {
    statefulSetGone = true;
    return this;
  }

  StorageScenario statefulSetTerminating() {
    statefulSetTerminating = true;
    return this;
  }

  ObservedCluster build() {
    ObservedCluster observed = base.spec(s -> s.withStorage(ImmutableStorageSettings.copyOf(s.storage())
        .withSize(specSize))).build();
    StatefulSet live = new StatefulSetBuilder(observed.statefulSet().orElseThrow())
        .editMetadata().withUid("sts-uid-1")
        .withDeletionTimestamp(statefulSetTerminating ? "2026-01-01T11:59:00Z" : null).endMetadata()
        .editSpec().withVolumeClaimTemplates(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
            .endMetadata().withNewSpec().withNewResources().addToRequests("storage", new Quantity(templateSize))
            .endResources().endSpec().build()).endSpec()
        .build();
    return ImmutableObservedCluster.copyOf(observed)
        .withStatefulSet(statefulSetGone ? Optional.empty() : Optional.of(live))
        .withStorage(new ObservedStorage(volumes, classes));
  }

  private static ObservedVolume volumeOf(int ordinal, String storageClass, String requested, String capacity,
      String condition) {
    return new ObservedVolume("data-db-" + ordinal, ordinal, Optional.ofNullable(storageClass),
        Optional.ofNullable(requested).map(Quantity::new), Optional.ofNullable(capacity).map(Quantity::new),
        Optional.ofNullable(condition));
  }
}
