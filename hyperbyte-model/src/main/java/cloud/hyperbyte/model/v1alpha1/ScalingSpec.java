package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How new members get their data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScalingSpec {

  @JsonPropertyDescription("Seed a new member's volume with a fresh backup of a healthy member before its first start"
      + " (scale-up by any route, or a member whose volume is empty or lost). HyperbyteDB sends a joining member only"
      + " metadata and the WAL tail, so an unseeded member answers queries without the flushed history.")
  @Default("true")
  private Boolean seedNewMembers;

  public Boolean getSeedNewMembers() {
    return seedNewMembers;
  }

  public void setSeedNewMembers(Boolean seedNewMembers) {
    this.seedNewMembers = seedNewMembers;
  }
}
