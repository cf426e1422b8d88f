package cloud.hyperbyte.reconcile.restore;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.model.v1alpha1.RestoreSource;
import cloud.hyperbyte.model.v1alpha1.S3Location;
import cloud.hyperbyte.reconcile.backup.Backups;
import cloud.hyperbyte.reconcile.backup.InMemoryObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.SnapshotLayout;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A restore uses exactly the snapshot asked for. */
class SnapshotResolverTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final SnapshotResolver resolver = new SnapshotResolver(settings -> store);

  private static HyperbytedbRestore restoreOf(String backupName, String explicitPrefix) {
    HyperbytedbRestoreSpec spec = new HyperbytedbRestoreSpec();
    spec.setClusterName("db");
    spec.setBackupName(backupName);
    if (explicitPrefix != null) {
      S3Location s3 = new S3Location();
      s3.setBucket("backups");
      s3.setPrefix(explicitPrefix);
      RestoreSource source = new RestoreSource();
      source.setS3(s3);
      spec.setSource(source);
    }
    HyperbytedbRestore restore = new HyperbytedbRestore();
    restore.setMetadata(new ObjectMetaBuilder().withName("r1").withNamespace("prod").build());
    restore.setSpec(spec);
    return restore;
  }

  private static HyperbytedbBackup backupWithLastSuccess(String path) {
    HyperbytedbBackup backup = Backups.oneShot();
    HyperbytedbBackupStatus status = new HyperbytedbBackupStatus();
    status.setBackupPath(path);
    backup.setStatus(status);
    return backup;
  }

  @Test
  void explicitPrefixOfOneSnapshotResolvesToExactlyThatOneNotTheNewest() {
    store.putSnapshot("hb/prod/db/20260301T020000Z/", "nightly", new byte[] {1});
    store.putSnapshot("hb/prod/db/20260309T020000Z/", "nightly", new byte[] {2});

    SnapshotResolution resolution = resolver.resolve(restoreOf("x", "/hb/prod/db/20260301T020000Z/"), Optional.empty());

    assertThat(resolution).isInstanceOfSatisfying(SnapshotResolution.Resolved.class,
        r -> assertThat(r.location().uri()).isEqualTo("s3://backups/hb/prod/db/20260301T020000Z/"));
  }

  @Test
  void explicitPrefixAboveSeveralSnapshotsIsRefusedWithTheirNames() {
    store.putSnapshot("hb/prod/db/20260301T020000Z/", "nightly", new byte[] {1});
    store.putSnapshot("hb/prod/db/20260309T020000Z/", "nightly", new byte[] {2});

    SnapshotResolution resolution = resolver.resolve(restoreOf("x", "hb/prod/db"), Optional.empty());

    assertThat(resolution).isInstanceOfSatisfying(SnapshotResolution.Unresolved.class, u -> {
      assertThat(u.reason()).isEqualTo("AmbiguousSnapshot");
      assertThat(u.message()).contains("holds 2 snapshots", "hb/prod/db/20260309T020000Z/", "hb/prod/db/20260301T020000Z/");
    });
  }

  @Test
  void explicitPrefixWithoutSnapshotOrIncompleteSnapshotIsRefused() {
    assertThat(resolver.resolve(restoreOf("x", "hb/none"), Optional.empty()))
        .extracting("reason").isEqualTo("SnapshotNotFound");

    SnapshotManifest uploading = new SnapshotManifest(1, SnapshotManifest.UPLOADING, "nightly", "prod", "db", "0.8.5",
        List.of(), "db-0", SnapshotManifest.BEST_EFFORT, "2026-03-01T02:00:00Z", null, null);
    store.objects.put("hb/prod/db/20260301T020000Z/" + SnapshotLayout.MANIFEST, uploading.toJson());
    assertThat(resolver.resolve(restoreOf("x", "hb/prod/db/20260301T020000Z"), Optional.empty()))
        .extracting("reason").isEqualTo("SnapshotIncomplete");
  }

  @Test
  void backupNameResolvesToItsLastSuccessfulRun() {
    store.putSnapshot("hb/prod/db/20260301T020000Z/", "nightly", new byte[] {1});
    store.putSnapshot("hb/prod/db/20260309T020000Z/", "nightly", new byte[] {2});

    SnapshotResolution resolution = resolver.resolve(restoreOf("nightly", null),
        Optional.of(backupWithLastSuccess("s3://backups/hb/prod/db/20260301T020000Z/")));

    assertThat(resolution).isInstanceOfSatisfying(SnapshotResolution.Resolved.class, r -> {
      assertThat(r.location().folder()).isEqualTo("hb/prod/db/20260301T020000Z/");
      assertThat(r.settings().credentialsSecretName()).contains("s3-creds");
    });
  }

  @Test
  void backupWithoutSuccessfulRunOrMissingBackupFailsWithAClearMessage() {
    assertThat(resolver.resolve(restoreOf("nightly", null), Optional.of(backupWithLastSuccess(null))))
        .isInstanceOfSatisfying(SnapshotResolution.Unresolved.class, u -> {
          assertThat(u.reason()).isEqualTo("NoSuccessfulRun");
          assertThat(u.message()).contains("nightly has no successful run yet");
        });
    assertThat(resolver.resolve(restoreOf("nightly", null), Optional.empty()))
        .extracting("reason").isEqualTo("BackupNotFound");
  }

  @Test
  void pinnedSnapshotWinsOverANewerBackupRun() {
    HyperbytedbRestore restore = restoreOf("nightly", null);
    HyperbytedbRestoreStatus status = new HyperbytedbRestoreStatus();
    status.setSnapshotPath("s3://backups/hb/prod/db/20260301T020000Z/");
    restore.setStatus(status);

    SnapshotResolution resolution =
        resolver.resolve(restore, Optional.of(backupWithLastSuccess("s3://backups/hb/prod/db/20260310T020000Z/")));

    assertThat(resolution).extracting("location.folder").isEqualTo("hb/prod/db/20260301T020000Z/");
  }

  @Test
  void storeFailuresAreClassified() {
    store.failure = new ObjectStoreException(ObjectStoreException.Reason.UNAVAILABLE, "connection refused");

    assertThat(resolver.resolve(restoreOf("x", "hb/prod/db/20260301T020000Z"), Optional.empty()))
        .isInstanceOfSatisfying(SnapshotResolution.Unresolved.class, u -> {
          assertThat(u.reason()).isEqualTo("ObjectStoreUnavailable");
          assertThat(u.transientFailure()).isTrue();
        });
  }
}
