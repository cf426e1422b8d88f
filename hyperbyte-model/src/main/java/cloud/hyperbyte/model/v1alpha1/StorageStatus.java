package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The data volumes' size: what spec.storage.size asks for and what each member volume has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StorageStatus {

  @JsonPropertyDescription("Size the data volumes are grown to (spec.storage.size).")
  private String requested;

  @JsonPropertyDescription("Smallest capacity a member's data volume reports.")
  private String capacity;

  @JsonPropertyDescription("One entry per member data volume.")
  private List<VolumeStatus> volumes;

  public String getRequested() {
    return requested;
  }

  public void setRequested(String requested) {
    this.requested = requested;
  }

  public String getCapacity() {
    return capacity;
  }

  public void setCapacity(String capacity) {
    this.capacity = capacity;
  }

  public List<VolumeStatus> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<VolumeStatus> volumes) {
    this.volumes = volumes;
  }
}
