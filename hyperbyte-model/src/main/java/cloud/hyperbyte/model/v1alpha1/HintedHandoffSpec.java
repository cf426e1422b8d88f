package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Hinted handoff. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HintedHandoffSpec {

  @JsonPropertyDescription("Keep hints for unreachable peers.")
  @Default("true")
  private Boolean enabled;

  @JsonPropertyDescription("Hints kept per peer; 0 means the default, 100000 (as in the Go operator).")
  @Default("100000")
  @Min(0)
  private Long maxHintsPerPeer;

  @JsonPropertyDescription("Maximum hint age; 0 means the default, 3600 (as in the Go operator).")
  @Default("3600")
  @Min(0)
  private Long maxHintAgeSecs;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Long getMaxHintsPerPeer() {
    return maxHintsPerPeer;
  }

  public void setMaxHintsPerPeer(Long maxHintsPerPeer) {
    this.maxHintsPerPeer = maxHintsPerPeer;
  }

  public Long getMaxHintAgeSecs() {
    return maxHintAgeSecs;
  }

  public void setMaxHintAgeSecs(Long maxHintAgeSecs) {
    this.maxHintAgeSecs = maxHintAgeSecs;
  }

}
