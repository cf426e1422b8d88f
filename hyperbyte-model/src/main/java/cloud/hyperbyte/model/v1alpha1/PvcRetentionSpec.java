package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Mapped to the StatefulSet's persistentVolumeClaimRetentionPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PvcRetentionSpec {

  @JsonPropertyDescription("What happens to a member's volume after scale-down.")
  @Default("Delete")
  private PvcRetention whenScaled;

  @JsonPropertyDescription("What happens to volumes when the cluster is deleted.")
  @Default("Retain")
  private PvcRetention whenDeleted;

  public PvcRetention getWhenScaled() {
    return whenScaled;
  }

  public void setWhenScaled(PvcRetention whenScaled) {
    this.whenScaled = whenScaled;
  }

  public PvcRetention getWhenDeleted() {
    return whenDeleted;
  }

  public void setWhenDeleted(PvcRetention whenDeleted) {
    this.whenDeleted = whenDeleted;
  }

}
