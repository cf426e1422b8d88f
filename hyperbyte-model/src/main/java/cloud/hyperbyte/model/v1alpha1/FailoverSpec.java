package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Automatic recovery of unhealthy members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FailoverSpec {

  @JsonPropertyDescription("Delete the pod of a member unhealthy for longer than failoverTimeoutSecs.")
  @Default("true")
  private Boolean enabled;

  @JsonPropertyDescription("Members being failed over at the same time.")
  @Default("1")
  @Min(1)
  private Integer maxFailoverCount;

  @JsonPropertyDescription("Seconds a member must be unhealthy before failover.")
  @Default("300")
  @Min(60)
  private Integer failoverTimeoutSecs;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getMaxFailoverCount() {
    return maxFailoverCount;
  }

  public void setMaxFailoverCount(Integer maxFailoverCount) {
    this.maxFailoverCount = maxFailoverCount;
  }

  public Integer getFailoverTimeoutSecs() {
    return failoverTimeoutSecs;
  }

  public void setFailoverTimeoutSecs(Integer failoverTimeoutSecs) {
    this.failoverTimeoutSecs = failoverTimeoutSecs;
  }

}
