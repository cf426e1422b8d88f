package cloud.hyperbyte.reconcile.adoption;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The StatefulSet fields the API server refuses to change (all but replicas, ordinals, template,
 * updateStrategy, persistentVolumeClaimRetentionPolicy, minReadySeconds and revisionHistoryLimit;
 * {@code ValidateStatefulSetUpdate}), compared between a live StatefulSet and a rendered one. The
 * claim size is left out: volume growth changes it by its own replacement.
 */
final class ImmutableStatefulSetFields {

  private ImmutableStatefulSetFields() {}

  /** The immutable fields whose values differ, by field path; empty when an apply can succeed. */
  static List<String> differing(StatefulSet live, StatefulSet rendered) {
    StatefulSetSpec was = live.getSpec() == null ? new StatefulSetSpec() : live.getSpec();
    StatefulSetSpec wanted = rendered.getSpec();
    List<String> fields = new ArrayList<>();
    // the API server defaults an unset policy to OrderedReady
    if (!or(was.getPodManagementPolicy(), "OrderedReady").equals(or(wanted.getPodManagementPolicy(), "OrderedReady"))) {
      fields.add("spec.podManagementPolicy (" + or(was.getPodManagementPolicy(), "OrderedReady") + ")");
    }
    if (!Objects.equals(was.getServiceName(), wanted.getServiceName())) {
      fields.add("spec.serviceName (" + was.getServiceName() + ")");
    }
    if (!matchLabels(was.getSelector()).equals(matchLabels(wanted.getSelector()))) {
      fields.add("spec.selector");
    }
    if (!claims(was).equals(claims(wanted))) {
      fields.add("spec.volumeClaimTemplates");
    }
    return fields;
  }

  private static Map<String, String> matchLabels(LabelSelector selector) {
    return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
  }

  /** What identifies each claim template, size excepted. */
  private static List<List<Object>> claims(StatefulSetSpec spec) {
    List<PersistentVolumeClaim> templates = spec.getVolumeClaimTemplates() == null ? List.of()
        : spec.getVolumeClaimTemplates();
    List<List<Object>> claims = new ArrayList<>();
    for (PersistentVolumeClaim claim : templates) {
      var meta = claim.getMetadata();
      var claimSpec = claim.getSpec();
      claims.add(List.of(
          meta == null ? "" : or(meta.getName(), ""),
          meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels(),
          claimSpec == null || claimSpec.getAccessModes() == null ? List.of() : claimSpec.getAccessModes(),
          Optional.ofNullable(claimSpec == null ? null : claimSpec.getStorageClassName()),
          or(claimSpec == null ? null : claimSpec.getVolumeMode(), "Filesystem")));
    }
    return claims;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
