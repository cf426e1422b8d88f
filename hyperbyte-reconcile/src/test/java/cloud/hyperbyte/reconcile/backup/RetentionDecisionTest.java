package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which snapshot folders retention may delete. */
class RetentionDecisionTest {

  private static final String PREFIX = "hb/prod/db/";
  private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

  private static StoredObject object(String key) {
    return new StoredObject(key, 1, Instant.EPOCH);
  }

  @Test
  void foldersStrictlyOlderThanTheRetentionAreExpired() {
    List<StoredObject> listing = List.of(
        object(PREFIX + "20260303T015959Z/backup.tar"), // 7 days and 1 s
        object(PREFIX + "20260303T020000Z/backup.tar"), // exactly 7 days: kept
        object(PREFIX + "20260309T020000Z/manifest.json"));

    assertThat(RetentionDecision.expiredFolders(listing, PREFIX, NOW, 7, PREFIX + "20260310T020000Z/"))
        .containsExactly(PREFIX + "20260303T015959Z/");
  }

  @Test
  void theSnapshotJustWrittenIsNeverExpired() {
    List<StoredObject> listing = List.of(object(PREFIX + "20200101T000000Z/backup.tar"));

    assertThat(RetentionDecision.expiredFolders(listing, PREFIX, NOW, 1, PREFIX + "20200101T000000Z/")).isEmpty();
  }

  @Test
  void keysOutsideTheLayoutAndDirectoryMarkersAreIgnored() {
    List<StoredObject> listing = List.of(
        object(PREFIX + "20200101T000000Z/"), // directory marker (filesystem stores)
        object(PREFIX + "notes.txt"),
        object(PREFIX + "2020-01-01/backup.tar"),
        object(PREFIX + "20200101T000000Z"),
        object("hb/prod/dbx/20200101T000000Z/backup.tar"));

    assertThat(RetentionDecision.expiredFolders(listing, PREFIX, NOW, 1, "none/")).isEmpty();
  }

  @Test
  void manifestIsDeletedLastSoAnInterruptedDeletionIsRecognisedNextTime() {
    List<StoredObject> listing = List.of(
        object(PREFIX + "20200101T000000Z/manifest.json"),
        object(PREFIX + "20200101T000000Z/backup.tar"),
        object(PREFIX + "20200101T000000Z/"),
        object(PREFIX + "20200102T000000Z/backup.tar"));

    assertThat(RetentionDecision.keysToDelete(listing, List.of(PREFIX + "20200101T000000Z/")))
        .containsExactly(PREFIX + "20200101T000000Z/backup.tar", PREFIX + "20200101T000000Z/manifest.json");
  }
}
