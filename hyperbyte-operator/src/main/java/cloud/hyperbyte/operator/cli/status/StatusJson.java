package cloud.hyperbyte.operator.cli.status;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@link ClusterStatusReport} as indented JSON, fields in the order the records declare them, nulls written. */
public final class StatusJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private StatusJson() {}

  /** The report as JSON, ending with a newline. */
  public static String write(ClusterStatusReport report) {
    return MAPPER.writeValueAsString(report) + "\n";
  }
}
