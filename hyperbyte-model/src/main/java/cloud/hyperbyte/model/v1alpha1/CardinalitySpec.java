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

  @JsonPropertyDescription("Tag values per measurement.")
  @Default("100000")
  @Min(1)
  private Long maxTagValuesPerMeasurement;

  @JsonPropertyDescription("Measurements per database.")
  @Default("10000")
  @Min(1)
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
