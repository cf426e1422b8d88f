package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** WAL to chDB flush settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FlushSpec {

  @JsonPropertyDescription("Flush cadence in seconds.")
  @Default("10")
  @Min(1)
  private Integer intervalSecs;

  @JsonPropertyDescription("Points per flush batch (the server clamps to 10000-500000).")
  @Default("50000")
  @Min(10000)
  @Max(500000)
  private Integer maxPointsPerBatch;

  @JsonPropertyDescription("WAL group-commit size; 0 disables group commit.")
  @Default("64")
  @Min(0)
  private Integer walBatchSize;

  @JsonPropertyDescription("WAL group-commit delay in microseconds.")
  @Default("200")
  @Min(0)
  private Long walBatchDelayUs;

  public Integer getIntervalSecs() {
    return intervalSecs;
  }

  public void setIntervalSecs(Integer intervalSecs) {
    this.intervalSecs = intervalSecs;
  }

  public Integer getMaxPointsPerBatch() {
    return maxPointsPerBatch;
  }

  public void setMaxPointsPerBatch(Integer maxPointsPerBatch) {
    this.maxPointsPerBatch = maxPointsPerBatch;
  }

  public Integer getWalBatchSize() {
    return walBatchSize;
  }

  public void setWalBatchSize(Integer walBatchSize) {
    this.walBatchSize = walBatchSize;
  }

  public Long getWalBatchDelayUs() {
    return walBatchDelayUs;
  }

  public void setWalBatchDelayUs(Long walBatchDelayUs) {
    this.walBatchDelayUs = walBatchDelayUs;
  }

}
