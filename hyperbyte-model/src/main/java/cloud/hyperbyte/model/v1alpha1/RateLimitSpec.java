package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Per-endpoint rate limiting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RateLimitSpec {

  @JsonPropertyDescription("Enable rate limiting (HTTP 429).")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("Per endpoint; 0 means unlimited.")
  @Default("0")
  @Min(0)
  private Long maxRequestsPerSecond;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Long getMaxRequestsPerSecond() {
    return maxRequestsPerSecond;
  }

  public void setMaxRequestsPerSecond(Long maxRequestsPerSecond) {
    this.maxRequestsPerSecond = maxRequestsPerSecond;
  }

}
