package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException.Reason;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Classifies AWS SDK failures into {@link ObjectStoreException} reasons. */
final class S3Errors {

  private static final Set<String> ACCESS_CODES =
      Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
          "AuthorizationHeaderMalformed");
  private static final Set<String> BUSY_CODES =
      Set.of("SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "Throttling");

  private S3Errors() {}

  static ObjectStoreException translate(String what, SdkException e) {
    String detail = what + ": " + e.getMessage();
    if (e instanceof NoSuchBucketException) {
      return new ObjectStoreException(Reason.NO_SUCH_BUCKET, detail, e);
    }
    if (e instanceof NoSuchKeyException) {
      return new ObjectStoreException(Reason.NOT_FOUND, detail, e);
    }
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      int status = s3.statusCode();
      if ("NoSuchBucket".equals(code)) {
        return new ObjectStoreException(Reason.NO_SUCH_BUCKET, detail, e);
      }
      if ("NoSuchKey".equals(code) || (status == 404 && code == null)) {
        return new ObjectStoreException(Reason.NOT_FOUND, detail, e);
      }
      if (status == 403 || (code != null && ACCESS_CODES.contains(code))) {
        return new ObjectStoreException(Reason.ACCESS_DENIED, detail, e);
      }
      if (status == 429 || status >= 500 || (code != null && BUSY_CODES.contains(code))) {
        return new ObjectStoreException(Reason.UNAVAILABLE, detail, e);
      }
      return new ObjectStoreException(Reason.OTHER, detail, e);
    }
    if (e instanceof SdkClientException) {
      return new ObjectStoreException(Reason.UNAVAILABLE, detail, e);
    }
    return new ObjectStoreException(Reason.OTHER, detail, e);
  }
}
