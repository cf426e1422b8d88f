package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** HorizontalPodAutoscaler on the cluster's scale subresource. */
@ValidationRule(value = "!self.enabled || has(self.maxReplicas)", message = "autoscaling.maxReplicas is required when autoscaling is enabled", fieldPath = ".maxReplicas")
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas", message = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas", fieldPath = ".minReplicas")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AutoscalingSpec {

  @JsonPropertyDescription("Create the HorizontalPodAutoscaler.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("Lower bound; default 1.")
  @Min(1)
  @Max(HyperbytedbClusterSpec.MAX_REPLICAS)
  private Integer minReplicas;

  @JsonPropertyDescription("Upper bound, at most 99 like spec.replicas (the HPA writes it there through the scale subresource).")
  @Min(1)
  @Max(HyperbytedbClusterSpec.MAX_REPLICAS)
  private Integer maxReplicas;

  @JsonPropertyDescription("Target average CPU utilization.")
  @Default("80")
  @Min(1)
  @Max(100)
  private Integer targetCPUUtilizationPercentage;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCPUUtilizationPercentage() {
    return targetCPUUtilizationPercentage;
  }

  public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
    this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
  }

}
