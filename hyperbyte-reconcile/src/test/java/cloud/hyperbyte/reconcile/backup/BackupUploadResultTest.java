package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The upload step's termination message: the run's report, small enough for Kubernetes to keep. */
class BackupUploadResultTest {

  private static final Instant AT = Instant.parse("2026-03-10T02:05:00Z");
  private static final RunReport.Snapshot SNAPSHOT = new RunReport.Snapshot(
      new SnapshotLocation("backups", "hb/prod/db/20260310T020000Z/"), 123456789L, "ab".repeat(32), "db-1");

  @Test
  void aSuccessWithRetentionRoundTrips() {
    RunReport report = RunReport.succeeded("run#1", AT, SNAPSHOT,
        Optional.of(new RunReport.Cleanup(AT, List.of("hb/prod/db/20260301T020000Z/"), Optional.empty())));

    assertThat(BackupUploadResult.parse(BackupUploadResult.toJson(report))).contains(report);
  }

  @Test
  void aFailureRoundTripsWithItsTransience() {
    RunReport report = RunReport.failed("run#1", AT, new RunReport.Failure("AccessDenied", "refused", false));

    assertThat(BackupUploadResult.parse(BackupUploadResult.toJson(report))).contains(report);
  }

  @Test
  void manyDeletedFoldersAndLongMessagesStayWithinTheTerminationMessageLimit() {
    List<String> deleted = IntStream.range(0, 500).mapToObj(i -> "hb/prod/db/2025010" + i + "T020000Z/").toList();
    RunReport many = RunReport.succeeded("run#1", AT, SNAPSHOT,
        Optional.of(new RunReport.Cleanup(AT, deleted, Optional.of("x".repeat(10_000)))));
    RunReport longFailure = RunReport.failed("run#1", AT, new RunReport.Failure("ArchiveFailed", "y".repeat(10_000), true));

    String json = BackupUploadResult.toJson(many);
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(BackupUploadResult.LIMIT);
    assertThat(BackupUploadResult.toJson(longFailure).getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(BackupUploadResult.LIMIT);
    assertThat(BackupUploadResult.parse(json).orElseThrow().cleanup().orElseThrow().deletedFolders())
        .as("the count stays exact").hasSize(500);
  }

  @Test
  void aMessageThatIsNotAReportIsNone() {
    assertThat(BackupUploadResult.parse("Missing required option: '--bucket=BUCKET'")).isEmpty();
    assertThat(BackupUploadResult.parse("")).isEmpty();
    assertThat(BackupUploadResult.parse("{\"runId\":\"r\"}")).isEmpty();
  }
}
