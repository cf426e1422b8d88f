package cloud.hyperbyte.operator.storage.bench;

import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** s3proxy over the filesystem store, for the benchmark (outside the test package's fixtures). */
final class BenchS3 implements AutoCloseable {

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private BenchS3(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  static BenchS3 onDisk(Path dir) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("access", "secret")
        .overrides(properties).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret").build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    return new BenchS3(context, proxy);
  }

  void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  S3Settings settings(String bucket) {
    return new S3Settings(bucket, "", "us-east-1", Optional.of("http://127.0.0.1:" + proxy.getPort()), true,
        Optional.empty());
  }

  Optional<S3Credentials> credentials() {
    return Optional.of(new S3Credentials("access", "secret"));
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
