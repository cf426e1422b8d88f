package cloud.hyperbyte.operator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.reconcile.backup.HashingInputStream;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.StoredObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 adapter against a real S3 server (s3proxy) over a path-style endpoint. */
class S3ObjectStoreTest {

  private static final int FIVE_MIB = 5 * 1024 * 1024;
  private static LocalS3 s3;
  private static S3ObjectStore store;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.inMemoryWithBucket("backups");
    store = new S3ObjectStoreFactory(new PartSizing(FIVE_MIB, 2 * FIVE_MIB, 2))
        .open(s3.settings("backups"), LocalS3.credentials());
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
    s3.close();
  }

  private static String sha256(InputStream in) throws Exception {
    try (HashingInputStream hashing = new HashingInputStream(in)) {
      hashing.transferTo(OutputStream.nullOutputStream());
      return hashing.sha256Hex();
    }
  }

  @Test
  void streamLargerThanSeveralPartsComesBackByteForByte() throws Exception {
    long length = 3L * FIVE_MIB + 2 * FIVE_MIB + 12345; // parts of 5, 5, 10 MiB, then the rest
    long stored = store.put("hb/prod/db/20260301T020000Z/backup.tar", new PatternStream(length, 7));

    assertThat(stored).isEqualTo(length);
    assertThat(store.list("hb/prod/db/")).singleElement().extracting(StoredObject::size).isEqualTo(length);
    try (InputStream back = store.get("hb/prod/db/20260301T020000Z/backup.tar")) {
      assertThat(sha256(back)).isEqualTo(sha256(new PatternStream(length, 7)));
    }
  }

  @Test
  void streamShorterThanOnePartIsASinglePut() throws Exception {
    store.put("small/one", new PatternStream(1000, 1));

    try (InputStream back = store.get("small/one")) {
      assertThat(back.readAllBytes()).hasSize(1000);
    }
  }

  @Test
  void listIsScopedToThePrefixAndDeleteToleratesMissingKeys() {
    store.put("scope/a/1", "1".getBytes(StandardCharsets.UTF_8));
    store.put("scope/a/2", "22".getBytes(StandardCharsets.UTF_8));
    store.put("scope/b/1", "3".getBytes(StandardCharsets.UTF_8));

    assertThat(store.list("scope/a/")).extracting(StoredObject::key).containsExactly("scope/a/1", "scope/a/2");

    store.delete(List.of("scope/a/1", "scope/a/never-existed"));

    assertThat(store.list("scope/")).extracting(StoredObject::key).containsExactly("scope/a/2", "scope/b/1");
  }

  @Test
  void missingKeyIsNotFound() {
    assertThatThrownBy(() -> store.get("nothing/here"))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(ObjectStoreException.Reason.NOT_FOUND));
  }

  @Test
  void wrongCredentialsAreAccessDenied() {
    try (S3ObjectStore wrong = new S3ObjectStoreFactory().open(s3.settings("backups"),
        Optional.of(new S3Credentials(LocalS3.ACCESS_KEY, "wrong")))) {
      assertThatThrownBy(() -> wrong.put("x", new byte[] {1}))
          .isInstanceOfSatisfying(ObjectStoreException.class, e -> {
            assertThat(e.reason()).as("%s caused by %s", e.getMessage(), e.getCause())
                .isEqualTo(ObjectStoreException.Reason.ACCESS_DENIED);
            assertThat(e.reason().transientFailure()).isFalse();
          });
      assertThatThrownBy(() -> wrong.put("big", new PatternStream(FIVE_MIB + 1, 3)))
          .isInstanceOf(ObjectStoreException.class);
    }
  }

  @Test
  void missingBucketIsNoSuchBucket() {
    try (S3ObjectStore missing = new S3ObjectStoreFactory().open(s3.settings("no-such-bucket"), LocalS3.credentials())) {
      assertThatThrownBy(() -> missing.put("x", new byte[] {1}))
          .isInstanceOfSatisfying(ObjectStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ObjectStoreException.Reason.NO_SUCH_BUCKET));
      assertThatThrownBy(() -> missing.list(""))
          .isInstanceOfSatisfying(ObjectStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ObjectStoreException.Reason.NO_SUCH_BUCKET));
    }
  }

  @Test
  void unreachableEndpointIsTransient() {
    var settings = new cloud.hyperbyte.reconcile.backup.S3Settings("backups", "", "us-east-1",
        Optional.of("http://127.0.0.1:1"), true, Optional.empty());
    try (S3ObjectStore down = new S3ObjectStoreFactory().open(settings, LocalS3.credentials())) {
      assertThatThrownBy(() -> down.list(""))
          .isInstanceOfSatisfying(ObjectStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ObjectStoreException.Reason.UNAVAILABLE));
    }
  }

  @Test
  void partSizesGrowSoOneUploadHoldsHundredsOfGibibytesWithABoundedBuffer() {
    PartSizing sizing = PartSizing.DEFAULT;

    assertThat(sizing.sizeOf(1)).isEqualTo(8 * PartSizing.MIB);
    assertThat(sizing.sizeOf(2001)).isEqualTo(16 * PartSizing.MIB);
    assertThat(sizing.sizeOf(10_000)).isEqualTo(64 * PartSizing.MIB);
    assertThat(sizing.capacity()).isEqualTo(368_000L * PartSizing.MIB);
  }
}
