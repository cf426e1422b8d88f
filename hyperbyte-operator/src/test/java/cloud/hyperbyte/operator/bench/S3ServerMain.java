package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.operator.storage.LocalS3;
import java.nio.file.Path;

/**
 * s3proxy over a directory in a JVM of its own, for {@link BackupPodBenchmark}: the store's CPU and
 * heap are then not counted as the operator's. Prints {@code endpoint <url>} once serving; runs
 * until killed. Args: store directory, bucket.
 */
public final class S3ServerMain {

  private S3ServerMain() {}

  public static void main(String[] args) throws Exception {
    LocalS3 s3 = LocalS3.onDisk(Path.of(args[0]));
    s3.createBucket(args[1]);
    System.out.println("endpoint " + s3.endpoint());
    System.out.flush();
    Thread.currentThread().join();
  }
}
