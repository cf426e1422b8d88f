package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One member's data volume (PersistentVolumeClaim). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VolumeStatus {

  @JsonPropertyDescription("PersistentVolumeClaim name.")
  private String name;

  @JsonPropertyDescription("Capacity the volume reports (status.capacity.storage).")
  private String capacity;

  @JsonPropertyDescription("Resized, Resizing, FileSystemResizePending or Pending (not requested yet).")
  private String state;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getCapacity() {
    return capacity;
  }

  public void setCapacity(String capacity) {
    this.capacity = capacity;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }
}
