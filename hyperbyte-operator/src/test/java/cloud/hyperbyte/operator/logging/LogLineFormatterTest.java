package cloud.hyperbyte.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;

class LogLineFormatterTest {

  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void jsonLinesAreOneParsableObjectWithContextFieldsAndTheStackTrace() {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("resource", "HyperbytedbCluster prod/db");
    String line = LogLineFormatter.format(LogFormat.JSON, T, Level.WARN, "cloud.hyperbyte.operator.queue.WorkQueue",
        "worker-1", "retry \"in\" 2s\nnext", new IllegalStateException("boom"), context);

    assertThat(line).doesNotContain("\n");
    JsonNode json = Serialization.jsonMapper().readTree(line);
    assertThat(json.get("time").asString()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(json.get("level").asString()).isEqualTo("WARN");
    assertThat(json.get("logger").asString()).isEqualTo("cloud.hyperbyte.operator.queue.WorkQueue");
    assertThat(json.get("message").asString()).isEqualTo("retry \"in\" 2s\nnext");
    assertThat(json.get("resource").asString()).isEqualTo("HyperbytedbCluster prod/db");
    assertThat(json.get("error").asString()).startsWith("java.lang.IllegalStateException: boom");
  }

  @Test
  void textLinesShortenTheLoggerAndAppendContextAsKeyValues() {
    String line = LogLineFormatter.format(LogFormat.TEXT, T, Level.INFO, "cloud.hyperbyte.operator.queue.WorkQueue",
        "main", "started", null, Map.of("resource", "x"));
    assertThat(line).isEqualTo("2026-01-01T10:00:00Z INFO [main] c.h.o.queue.WorkQueue - started resource=x");
  }

  @Test
  void theSlf4jBackendHonoursLevelFormatAndMdc() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Level previousLevel = LogSettings.level();
    LogFormat previousFormat = LogSettings.format();
    LogSettings.output(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      LogSettings.configure(Level.INFO, LogFormat.JSON);
      var log = LoggerFactory.getLogger("cloud.hyperbyte.test");
      log.debug("hidden");
      MDC.put("resource", "HyperbytedbCluster ns/a");
      try {
        log.info("applied {} objects", 3);
      } finally {
        MDC.remove("resource");
      }
      log.atWarn().addKeyValue("node", 2).log("drain timed out");
    } finally {
      LogSettings.configure(previousLevel, previousFormat);
      LogSettings.output(System.err);
    }
    String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).contains("\"message\":\"applied 3 objects\"", "\"resource\":\"HyperbytedbCluster ns/a\"");
    assertThat(lines[1]).contains("\"level\":\"WARN\"", "\"node\":\"2\"");
  }

  @Test
  void levelsAndFormatsAreParsedFromTheChartsValues() {
    assertThat(LogSettings.parseLevel("warn")).isEqualTo(Level.WARN);
    assertThat(LogSettings.parseLevel("DEBUG")).isEqualTo(Level.DEBUG);
    assertThat(LogFormat.parse("json")).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogSettings.parseLevel("verbose")).hasMessageContaining("trace, debug, info, warn or error");
    assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("text or json");
  }
}
