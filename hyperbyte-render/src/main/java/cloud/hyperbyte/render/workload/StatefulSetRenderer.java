package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.PvcRetentionSettings;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.render.RenderOptions;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import java.util.LinkedHashMap;

/** The database StatefulSet {@code <name>}. */
public final class StatefulSetRenderer {

  private StatefulSetRenderer() {}

  /** The StatefulSet for {@code spec}. */
  public static StatefulSet render(ClusterSpec spec, RenderOptions options, String configHash) {
    ClusterNames names = ClusterNames.of(spec);
    StatefulSetSpecBuilder sts =
        new StatefulSetSpecBuilder()
            .withServiceName(names.headlessService())
            .withReplicas(spec.effectiveReplicas())
            .withNewSelector()
            .withMatchLabels(new LinkedHashMap<>(ClusterLabels.selector(spec)))
            .endSelector()
            // Parallel, not OrderedReady: the operator sequences membership itself (add-node through
            // the leader as each member answers), and OrderedReady would keep a failed pod 0 from
            // being recreated while a higher ordinal is not ready, i.e. block recovery of the
            // bootstrap node exactly when it is needed. Immutable after creation, so fixed for all
            // replica counts.
            .withPodManagementPolicy("Parallel")
            .withUpdateStrategy(updateStrategy(spec, options))
            .withTemplate(DatabasePodTemplate.render(spec, options, configHash))
            .withVolumeClaimTemplates(dataClaim(spec));
    spec.pvcRetention()
        .ifPresent(
            retention ->
                sts.withPersistentVolumeClaimRetentionPolicy(
                    new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                        .withWhenScaled(whenScaled(spec, retention).wireValue())
                        .withWhenDeleted(retention.whenDeleted().wireValue())
                        .build()));
    return new StatefulSetBuilder()
        .withMetadata(ObjectMetadata.database(spec, names.statefulSet()))
        .withSpec(sts.build())
        .build();
  }

  /**
   * Retain while a restore holds the cluster: the hold scales the StatefulSet to zero, and with
   * Delete the StatefulSet controller would delete every member volume, the ones being restored
   * included. The user's policy comes back with the release.
   */
  static PvcRetention whenScaled(ClusterSpec spec, PvcRetentionSettings retention) {
    return spec.heldBy().isPresent() ? PvcRetention.RETAIN : retention.whenScaled();
  }

  /**
   * The operator alone decides when a member restarts: by default {@code OnDelete}, so the StatefulSet
   * controller replaces a pod only once the operator deleted it; a partition (at the replica count
   * unless given) is kept for callers that ask for one.
   */
  static StatefulSetUpdateStrategy updateStrategy(ClusterSpec spec, RenderOptions options) {
    if (options.updateStrategy() == RenderOptions.UpdateStrategy.ON_DELETE) {
      return new StatefulSetUpdateStrategyBuilder().withType("OnDelete").build();
    }
    int partition = options.partition().orElse(spec.effectiveReplicas());
    return new StatefulSetUpdateStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withPartition(partition)
        .endRollingUpdate()
        .build();
  }

  /**
   * The member volume. Its labels are the selector labels only: volume claim templates are
   * immutable, so nothing that changes over the cluster's life (such as the version) goes here.
   */
  private static PersistentVolumeClaim dataClaim(ClusterSpec spec) {
    PersistentVolumeClaimBuilder claim =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(ClusterNames.DATA_VOLUME)
            .withLabels(new LinkedHashMap<>(ClusterLabels.selector(spec)))
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withNewResources()
            .addToRequests("storage", new Quantity(spec.storage().size()))
            .endResources()
            .endSpec();
    spec.storage().storageClassName().ifPresent(sc -> claim.editSpec().withStorageClassName(sc).endSpec());
    return claim.build();
  }
}
