package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** sync_quorum settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SyncQuorumSpec {

  @JsonPropertyDescription("Peer acknowledgements required: a positive integer or \"majority\".")
  @ValidationRule(value = "type(self) == int ? self >= 1 : self == 'majority'", message = "minAcks is a positive integer or the string majority")
  private IntOrString minAcks;

  public IntOrString getMinAcks() {
    return minAcks;
  }

  public void setMinAcks(IntOrString minAcks) {
    this.minAcks = minAcks;
  }

}
