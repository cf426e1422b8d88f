package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** HorizontalPodAutoscaler bounds; present only when autoscaling is enabled. */
@Value.Immutable
public interface AutoscalingSettings {

  /** Lower bound. */
  int minReplicas();

  /** Upper bound. */
  int maxReplicas();

  /** Target CPU utilization. */
  int targetCpuUtilizationPercentage();
}
