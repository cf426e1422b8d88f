package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in-process: s3proxy on loopback over a jclouds blob store ({@code transient} in
 * memory, or {@code filesystem} under a directory), with signature checking on.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "access";
  public static final String SECRET_KEY = "secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private LocalS3(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /** A server over an in-memory store. */
  public static LocalS3 inMemory() throws Exception {
    return start("transient", new Properties());
  }

  /** A server over an in-memory store that holds {@code bucket}, empty. */
  public static LocalS3 inMemoryWithBucket(String bucket) throws Exception {
    LocalS3 s3 = inMemory();
    s3.createBucket(bucket);
    return s3;
  }

  /** A server over files under {@code directory} (the heap holds no stored data). */
  public static LocalS3 onDisk(Path directory) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", directory.toString());
    return start("filesystem", properties);
  }

  private static LocalS3 start(String provider, Properties properties) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder(provider).credentials(ACCESS_KEY, SECRET_KEY)
        .overrides(properties).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    return new LocalS3(context, proxy);
  }

  /** The Secret of the credentials this server accepts, with the keys the operator reads. */
  private static Secret credentialsSecret(String namespace, String name) {
    return new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .addToData(S3Settings.ACCESS_KEY_ID_KEY, base64(ACCESS_KEY))
        .addToData(S3Settings.SECRET_ACCESS_KEY_KEY, base64(SECRET_KEY))
        .build();
  }

  /** Stores {@link #credentialsSecret} as {@code namespace/name} through {@code client}, as a user would. */
  public static void storeCredentialsSecret(KubernetesClient client, String namespace, String name) {
    client.secrets().inNamespace(namespace).resource(credentialsSecret(namespace, name)).create();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** Every object in {@code bucket} by key, with its content (for checks of what was uploaded). */
  public java.util.Map<String, byte[]> objects(String bucket) throws java.io.IOException {
    java.util.Map<String, byte[]> objects = new java.util.TreeMap<>();
    org.jclouds.blobstore.BlobStore store = context.getBlobStore();
    for (org.jclouds.blobstore.domain.StorageMetadata entry
        : store.list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())) {
      if (entry.getType() == org.jclouds.blobstore.domain.StorageType.BLOB) {
        org.jclouds.blobstore.domain.Blob blob = store.getBlob(bucket, entry.getName());
        if (blob != null) {
          try (java.io.InputStream in = blob.getPayload().openStream()) {
            objects.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    return objects;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** Path-style settings for {@code bucket} on this server. */
  public S3Settings settings(String bucket) {
    return new S3Settings(bucket, "", "us-east-1", Optional.of(endpoint()), true, Optional.of("s3-creds"));
  }

  public static Optional<S3Credentials> credentials() {
    return Optional.of(new S3Credentials(ACCESS_KEY, SECRET_KEY));
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
