package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The condition {@code SettingsIgnored}: True, naming each field, when the spec sets fields the
 * server cannot honour (the Go operator's {@code flush.walSizeThresholdMb}, {@code sharding.*} ...);
 * they are accepted so Go manifests apply unchanged, and never rendered. Absent otherwise.
 */
public final class SettingsIgnoredCondition {

  public static final String TYPE = "SettingsIgnored";

  private SettingsIgnoredCondition() {}

  /** Puts the condition into {@code status} when {@code spec} has settings without effect. */
  public static void apply(HyperbytedbClusterStatus status, ClusterSpec spec, List<Condition> previous,
      long generation, Instant now) {
    if (spec.settingsWithoutEffect().isEmpty()) {
      return;
    }
    String message = "Accepted, but without effect: " + spec.settingsWithoutEffect().entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
    ClusterConditions.put(status,
        ClusterConditions.condition(previous, TYPE, true, "NoServerSetting", message, generation, now));
  }
}
