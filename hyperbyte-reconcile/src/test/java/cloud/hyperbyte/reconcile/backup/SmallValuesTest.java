package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.S3Location;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sizes, backoff, source choice, S3 settings and the snapshot layout. */
class SmallValuesTest {

  @Test
  void sizesAreHumanReadableInBinaryUnits() {
    assertThat(HumanSize.of(0)).isEqualTo("0 B");
    assertThat(HumanSize.of(1023)).isEqualTo("1023 B");
    assertThat(HumanSize.of(1024)).isEqualTo("1.0 KiB");
    assertThat(HumanSize.of(12_900_000)).isEqualTo("12.3 MiB");
    assertThat(HumanSize.of(1L << 40)).isEqualTo("1.0 TiB");
  }

  @Test
  void backoffDoublesUpToItsCap() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(30), Duration.ofMinutes(3));

    assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::backoffAfter))
        .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(180), Duration.ofSeconds(180));
    assertThat(policy.mayRetryAfter(5)).isTrue();
    assertThat(policy.mayRetryAfter(6)).isFalse();
  }

  @Test
  void sourceIsAHealthyNonLeaderWithTheLowestOrdinalElseTheLeader() {
    var leader = new BackupSourceSelector.Member("db-0", 0, true, true);
    var follower2 = new BackupSourceSelector.Member("db-2", 2, true, false);
    var sick1 = new BackupSourceSelector.Member("db-1", 1, false, false);

    assertThat(BackupSourceSelector.choose(List.of(leader, sick1, follower2))).contains(follower2);
    assertThat(BackupSourceSelector.choose(List.of(leader, sick1))).contains(leader);
    assertThat(BackupSourceSelector.choose(List.of(sick1))).isEmpty();
  }

  @Test
  void settingsNormaliseThePrefixAndDefaultTheRegion() {
    S3Location location = new S3Location();
    location.setBucket("b");
    location.setPrefix("/backups/hb/");
    location.setEndpoint(" ");
    location.setForcePathStyle(true);

    S3Settings settings = S3Settings.of(location);

    assertThat(settings.prefix()).isEqualTo("backups/hb");
    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.endpoint()).isEmpty();
    assertThat(settings.forcePathStyle()).isTrue();
    assertThat(new S3Credentials("id", "very-secret").toString()).doesNotContain("very-secret");
  }

  @Test
  void layoutPutsEachSnapshotInAUtcTimestampFolderUnderNamespaceAndCluster() {
    S3Settings withPrefix = new S3Settings("b", "hb", null, Optional.empty(), false, Optional.empty());
    S3Settings bare = withPrefix.withPrefix("");
    Instant at = Instant.parse("2026-11-24T01:02:03.456Z");

    assertThat(SnapshotLayout.snapshotFolder(withPrefix, "prod", "db", at)).isEqualTo("hb/prod/db/20261124T010203Z/");
    assertThat(SnapshotLayout.snapshotFolder(bare, "prod", "db", at)).isEqualTo("prod/db/20261124T010203Z/");
    assertThat(SnapshotLayout.folderOf("hb/prod/db/", "hb/prod/db/20261124T010203Z/backup.tar"))
        .contains("hb/prod/db/20261124T010203Z/");
    assertThat(SnapshotLayout.folderTime("hb/prod/db/20261124T010203Z/")).contains(Instant.parse("2026-11-24T01:02:03Z"));
    assertThat(SnapshotLocation.parse("s3://b/hb/prod/db/20261124T010203Z/"))
        .contains(new SnapshotLocation("b", "hb/prod/db/20261124T010203Z/"));
    assertThat(SnapshotLocation.parse("s3://b")).isEmpty();
  }

  @Test
  void manifestRoundTripsThroughJson() {
    SnapshotManifest manifest = new SnapshotManifest(1, SnapshotManifest.UPLOADING, "nightly", "prod", "db", "0.8.5",
        List.of("db-0"), "db-0", SnapshotManifest.BEST_EFFORT, "2026-01-01T00:00:00Z", null, null)
        .completed("2026-01-01T00:01:00Z", new SnapshotManifest.Archive("backup.tar", 10, "ab"));

    assertThat(SnapshotManifest.parse(manifest.toJson())).contains(manifest);
    assertThat(SnapshotManifest.parse("not json".getBytes())).isEmpty();
  }
}
