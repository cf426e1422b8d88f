package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Cardinality limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CardinalitySpec {

  @JsonPropertyDescription("Tag values per measurement; 0 means the default, 100000 (as in the Go operator).")
  @Default("100000")
  @Min(0)
  private Long maxTagValuesPerMeasurement;

  @JsonPropertyDescription("Measurements per database; 0 means the default, 10000 (as in the Go operator).")
  @Default("10000")
  @Min(0)
  private Long maxMeasurementsPerDatabase;

  public Long getMaxTagValuesPerMeasurement() {
    return maxTagValuesPerMeasurement;
  }

  public void setMaxTagValuesPerMeasurement(Long maxTagValuesPerMeasurement) {
    this.maxTagValuesPerMeasurement = maxTagValuesPerMeasurement;
  }

  public Long getMaxMeasurementsPerDatabase() {
    return maxMeasurementsPerDatabase;
  }

  public void setMaxMeasurementsPerDatabase(Long maxMeasurementsPerDatabase) {
    this.maxMeasurementsPerDatabase = maxMeasurementsPerDatabase;
  }

}
