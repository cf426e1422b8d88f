package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Volume;

/** Volume claim of each member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VolumeClaimTemplateSpec {

  @JsonPropertyDescription("Storage class; empty means the cluster default.")
  private String storageClassName;

  @JsonPropertyDescription("Size of each member's volume, e.g. 10Gi. It may grow (when the StorageClass allows volume expansion) but never shrink: Kubernetes cannot shrink a volume.")
  @Default("10Gi")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
  @Size(max = 32)
  @ValidationRule(value = "quantity(self).compareTo(quantity(oldSelf)) >= 0", messageExpression = "'storage.volumeClaimTemplate.size cannot shrink from ' + oldSelf + ' to ' + self + ': Kubernetes cannot shrink a volume; keep ' + oldSelf + ' or larger'", message = "storage.volumeClaimTemplate.size cannot shrink: Kubernetes cannot shrink a volume; keep the current size or larger")
  private String size;

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

}
