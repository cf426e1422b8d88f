package cloud.hyperbyte.render.service;

import cloud.hyperbyte.model.spec.AutoscalingSettings;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.Optional;

/**
 * HorizontalPodAutoscaler {@code <name>} (autoscaling/v2). It targets the HyperbytedbCluster's scale
 * subresource, not the StatefulSet, so every step goes through the operator's safe scale path
 * (drain, Raft membership) instead of fighting it.
 */
public final class AutoscalerRenderer {

  private AutoscalerRenderer() {}

  /** The HPA, or empty without autoscaling. */
  public static Optional<HorizontalPodAutoscaler> render(ClusterSpec spec) {
    return spec.autoscaling().map(autoscaling -> hpa(spec, autoscaling));
  }

  private static HorizontalPodAutoscaler hpa(ClusterSpec spec, AutoscalingSettings autoscaling) {
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(ObjectMetadata.database(spec, ClusterNames.of(spec).horizontalPodAutoscaler()))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion(ObjectMetadata.OWNER_API_VERSION)
        .withKind(ObjectMetadata.OWNER_KIND)
        .withName(spec.name())
        .endScaleTargetRef()
        .withMinReplicas(autoscaling.minReplicas())
        .withMaxReplicas(autoscaling.maxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(autoscaling.targetCpuUtilizationPercentage())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }
}
