package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Server log level. */
public enum LogLevel implements WireEnum {
  @JsonProperty("trace")
  TRACE,
  @JsonProperty("debug")
  DEBUG,
  @JsonProperty("info")
  INFO,
  @JsonProperty("warn")
  WARN,
  @JsonProperty("error")
  ERROR;
}
