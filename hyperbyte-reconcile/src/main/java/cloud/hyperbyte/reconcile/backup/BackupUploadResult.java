package cloud.hyperbyte.reconcile.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upload container's termination message: its {@link RunReport} as small JSON, which the
 * operator reads from the pod's status. Kubernetes keeps at most {@value #LIMIT} bytes of it, so
 * long texts are shortened and at most {@value #MAX_LISTED} deleted folders are named (the count
 * stays exact).
 */
public final class BackupUploadResult {

  /** Kubernetes' bound on one container's termination message. */
  public static final int LIMIT = 4096;
  static final int MAX_LISTED = 10;
  private static final int MAX_TEXT = 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BackupUploadResult() {}

  /** The report as the termination message. */
  public static String toJson(RunReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("runId", report.runId());
    root.put("finishedAt", report.finishedAt().toString());
    report.snapshot().ifPresent(s -> {
      ObjectNode snapshot = root.putObject("snapshot");
      snapshot.put("bucket", s.location().bucket());
      snapshot.put("folder", s.location().folder());
      snapshot.put("sizeBytes", s.sizeBytes());
      snapshot.put("sha256", s.sha256());
      snapshot.put("sourcePod", s.sourcePod());
    });
    report.failure().ifPresent(f -> {
      ObjectNode failure = root.putObject("failure");
      failure.put("reason", f.reason());
      failure.put("message", shorten(f.message()));
      failure.put("transient", f.transientFailure());
    });
    report.cleanup().ifPresent(c -> {
      ObjectNode cleanup = root.putObject("cleanup");
      cleanup.put("at", c.at().toString());
      cleanup.put("deletedCount", c.deletedFolders().size());
      ArrayNode deleted = cleanup.putArray("deleted");
      c.deletedFolders().stream().limit(MAX_LISTED).forEach(deleted::add);
      c.error().ifPresent(e -> cleanup.put("error", shorten(e)));
    });
    return JSON.writeValueAsString(root);
  }

  /** The report a termination message carries; empty when it is not one (e.g. a usage error's text). */
  public static Optional<RunReport> parse(String message) {
    if (message == null || message.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(message);
      String runId = root.path("runId").asString(null);
      Instant finishedAt = Instant.parse(root.path("finishedAt").asString(""));
      if (runId == null) {
        return Optional.empty();
      }
      JsonNode failure = root.path("failure");
      if (failure.isObject()) {
        return Optional.of(RunReport.failed(runId, finishedAt, new RunReport.Failure(
            failure.path("reason").asString("UploadFailed"), failure.path("message").asString(""),
            failure.path("transient").asBoolean(true))));
      }
      JsonNode snapshot = root.path("snapshot");
      if (!snapshot.isObject()) {
        return Optional.empty();
      }
      RunReport.Snapshot done = new RunReport.Snapshot(
          new SnapshotLocation(snapshot.path("bucket").asString(), snapshot.path("folder").asString()),
          snapshot.path("sizeBytes").asLong(), snapshot.path("sha256").asString(),
          snapshot.path("sourcePod").asString());
      JsonNode cleanup = root.path("cleanup");
      Optional<RunReport.Cleanup> retention = Optional.empty();
      if (cleanup.isObject()) {
        List<String> deleted = new ArrayList<>();
        cleanup.path("deleted").forEach(folder -> deleted.add(folder.asString()));
        int count = cleanup.path("deletedCount").asInt(deleted.size());
        for (int more = deleted.size(); more < count; more++) {
          deleted.add("(one more, not listed)");
        }
        retention = Optional.of(new RunReport.Cleanup(Instant.parse(cleanup.path("at").asString()), deleted,
            Optional.ofNullable(cleanup.path("error").asString(null))));
      }
      return Optional.of(RunReport.succeeded(runId, finishedAt, done, retention));
    } catch (RuntimeException e) { // JacksonException and malformed values alike
      return Optional.empty();
    }
  }

  private static String shorten(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
