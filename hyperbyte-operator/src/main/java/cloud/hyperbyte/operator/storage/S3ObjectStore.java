package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * {@link ObjectStore} on one bucket with the AWS SDK v2 synchronous client. Streams go up as a
 * multipart upload, one part at a time from a single reused buffer ({@link PartSizing}); a
 * stream shorter than one part is a single PutObject. A failed multipart upload is aborted, so
 * no partial object appears and no storage is left billed for orphaned parts.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

  private static final String OCTET_STREAM = "application/octet-stream";

  private final S3Client s3;
  private final String bucket;
  private final PartSizing parts;

  S3ObjectStore(S3Client s3, String bucket, PartSizing parts) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.parts = Objects.requireNonNull(parts, "parts");
  }

  @Override
  public long put(String key, InputStream data) {
    byte[] buffer = new byte[parts.sizeOf(1)];
    int length = fill(data, buffer, key);
    if (length < buffer.length) {
      putPart(key, buffer, length);
      return length;
    }
    String uploadId;
    try {
      uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    } catch (SdkException e) {
      throw S3Errors.translate("starting upload of " + key, e);
    }
    try {
      List<CompletedPart> completed = new ArrayList<>();
      long total = 0;
      int partNumber = 1;
      while (length > 0) {
        if (partNumber > PartSizing.MAX_PARTS) {
          throw new ObjectStoreException(ObjectStoreException.Reason.OTHER,
              key + " exceeds " + parts.capacity() + " bytes, the most one multipart upload can hold");
        }
        completed.add(uploadPart(key, uploadId, partNumber, buffer, length));
        total += length;
        partNumber++;
        int nextSize = parts.sizeOf(partNumber);
        if (nextSize != buffer.length) {
          buffer = new byte[nextSize]; // grows at most log2(max/initial) times
        }
        length = fill(data, buffer, key);
      }
      s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(u -> u.parts(completed)));
      return total;
    } catch (SdkException e) {
      abort(key, uploadId);
      throw writeFailure("uploading " + key, e);
    } catch (RuntimeException e) {
      abort(key, uploadId);
      throw e;
    }
  }

  @Override
  public void put(String key, byte[] data) {
    putPart(key, data, data.length);
  }

  @Override
  public List<StoredObject> list(String prefix) {
    try {
      List<StoredObject> objects = new ArrayList<>();
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        objects.add(new StoredObject(object.key(), object.size(), object.lastModified()));
      }
      return objects;
    } catch (SdkException e) {
      throw S3Errors.translate("listing " + prefix, e);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Errors.translate("reading " + key, e);
    }
  }

  @Override
  public void delete(Collection<String> keys) {
    // one DeleteObject per key: retention deletes a handful, and every S3-compatible store has it
    for (String key : keys) {
      try {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
      } catch (SdkException e) {
        ObjectStoreException translated = S3Errors.translate("deleting " + key, e);
        if (translated.reason() != ObjectStoreException.Reason.NOT_FOUND) {
          throw translated;
        }
      }
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  private void putPart(String key, byte[] buffer, int length) {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) length), body(buffer, length));
    } catch (SdkException e) {
      throw writeFailure("writing " + key, e);
    }
  }

  /**
   * A store that refuses a write (wrong credentials, no bucket) may answer and close the connection
   * while the body is still being sent; the client then sees only a broken transport, which would read
   * as a passing outage and be retried to no end. A request without a body gets the store's real answer.
   */
  private ObjectStoreException writeFailure(String what, SdkException e) {
    ObjectStoreException failure = S3Errors.translate(what, e);
    if (failure.reason() != ObjectStoreException.Reason.UNAVAILABLE || !(e instanceof SdkClientException)) {
      return failure;
    }
    try {
      s3.headBucket(r -> r.bucket(bucket));
      return failure;
    } catch (SdkException probe) {
      ObjectStoreException answer = S3Errors.translate("checking bucket " + bucket, probe);
      boolean refusal = answer.reason() == ObjectStoreException.Reason.ACCESS_DENIED
          || answer.reason() == ObjectStoreException.Reason.NO_SUCH_BUCKET;
      return refusal ? new ObjectStoreException(answer.reason(), what + ": the connection broke while the body was"
          + " sent, and " + answer.getMessage(), e) : failure;
    }
  }

  private CompletedPart uploadPart(String key, String uploadId, int partNumber, byte[] buffer, int length) {
    UploadPartResponse response =
        s3.uploadPart(
            r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
            body(buffer, length));
    return CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build();
  }

  /** A body over the buffer without copying it; the SDK may re-open it for signing and retries. */
  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTET_STREAM);
  }

  private void abort(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException ignored) {
      // the original failure matters more; a bucket lifecycle rule can clean what is left
    }
  }

  private static int fill(InputStream data, byte[] buffer, String key) {
    try {
      return data.readNBytes(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw new ObjectStoreException(ObjectStoreException.Reason.UNAVAILABLE,
          "reading the data for " + key + ": " + e.getMessage(), e);
    }
  }
}
