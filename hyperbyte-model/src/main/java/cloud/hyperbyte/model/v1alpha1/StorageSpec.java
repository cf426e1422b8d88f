package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Per-member persistent storage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StorageSpec {

  @JsonPropertyDescription("The PersistentVolumeClaim of each member.")
  private VolumeClaimTemplateSpec volumeClaimTemplate;

  @JsonPropertyDescription("WAL encoding.")
  @Default("bincode")
  private WalFormat walFormat;

  public VolumeClaimTemplateSpec getVolumeClaimTemplate() {
    return volumeClaimTemplate;
  }

  public void setVolumeClaimTemplate(VolumeClaimTemplateSpec volumeClaimTemplate) {
    this.volumeClaimTemplate = volumeClaimTemplate;
  }

  public WalFormat getWalFormat() {
    return walFormat;
  }

  public void setWalFormat(WalFormat walFormat) {
    this.walFormat = walFormat;
  }

}
