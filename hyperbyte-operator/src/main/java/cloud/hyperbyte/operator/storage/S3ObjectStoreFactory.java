package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens {@link S3ObjectStore}s with the AWS SDK v2 and its JDK {@code HttpURLConnection} client.
 *
 * <p>Why this client: it is AWS's maintained SDK (frequent releases, the reference for S3
 * semantics and errors), it speaks to S3-compatible stores through {@code endpointOverride} and
 * path-style addressing, and its low-level multipart calls let the operator stream with one
 * bounded part buffer. With the URL-connection HTTP client and without Netty/Apache clients it
 * adds 31 jars / 8.5 MB and no Jackson (java-ecosystem.md §6); the MinIO client is heavier (21 MB:
 * OkHttp, Kotlin, Guava, BouncyCastle). Checksums are computed only where S3 requires them: the
 * SDK's default flexible checksums with trailers are not understood by several S3-compatible
 * stores (s3proxy, older MinIO), which reject every PutObject otherwise.
 */
public final class S3ObjectStoreFactory implements ObjectStoreFactory {

  private final PartSizing parts;

  public S3ObjectStoreFactory() {
    this(PartSizing.DEFAULT);
  }

  S3ObjectStoreFactory(PartSizing parts) {
    this.parts = parts;
  }

  /** A store with parts of {@code initialPartBytes}, doubling up to {@code maxPartBytes}. */
  public static S3ObjectStoreFactory withPartSizes(int initialPartBytes, int maxPartBytes) {
    return new S3ObjectStoreFactory(new PartSizing(initialPartBytes, maxPartBytes, 2_000));
  }

  @Override
  public S3ObjectStore open(S3Settings settings, Optional<S3Credentials> credentials) {
    return new S3ObjectStore(client(settings, credentials), settings.bucket(), parts);
  }

  static S3Client client(S3Settings settings, Optional<S3Credentials> credentials) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofMinutes(2)))
            .region(Region.of(settings.region()))
            .credentialsProvider(provider(credentials))
            .forcePathStyle(settings.forcePathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    return builder.build();
  }

  private static AwsCredentialsProvider provider(Optional<S3Credentials> credentials) {
    return credentials
        .<AwsCredentialsProvider>map(c ->
            StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(DefaultCredentialsProvider::create);
  }
}
