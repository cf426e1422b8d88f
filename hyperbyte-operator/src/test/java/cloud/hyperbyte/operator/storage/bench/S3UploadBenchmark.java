package cloud.hyperbyte.operator.storage.bench;

import cloud.hyperbyte.operator.bench.JvmUsage;
import cloud.hyperbyte.operator.storage.LocalS3;
import cloud.hyperbyte.operator.storage.S3ObjectStore;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.HashingInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures one streamed backup upload through the S3 adapter into s3proxy (filesystem store, same
 * JVM): throughput and the peak heap in use while uploading. Run with a small heap to show the
 * bound, e.g. {@code java -Xmx128m -cp <test classpath> ...S3UploadBenchmark 1024}. Prints numbers;
 * asserts nothing.
 */
public final class S3UploadBenchmark {

  private S3UploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 64;
    long bytes = mib << 20;
    Path dir = Files.createTempDirectory("s3-bench");
    try (LocalS3 s3 = LocalS3.onDisk(dir)) {
      s3.createBucket("bench");
      JvmUsage usage = JvmUsage.start(Duration.ofMillis(5));
      long start = System.nanoTime();
      long stored;
      try (S3ObjectStore store = new S3ObjectStoreFactory().open(s3.settings("bench"), LocalS3.credentials());
          InputStream data = new HashingInputStream(new ZeroCostStream(bytes))) {
        stored = store.put("prod/db/20260101T000000Z/backup.tar", data);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      JvmUsage.Used used = usage.stop();
      System.out.printf("uploaded %d MiB in %.2f s: %.1f MiB/s; max heap %d MiB; heap before %d MiB, peak in use %d MiB%n",
          stored >> 20, seconds, (stored >> 20) / seconds, Runtime.getRuntime().maxMemory() >> 20,
          used.heapBefore() >> 20, used.peakHeap() >> 20);
    }
  }

  /** Bytes produced on the fly (no backing array), like a tar stream from a pod. */
  private static final class ZeroCostStream extends InputStream {
    private long remaining;

    ZeroCostStream(long length) {
      remaining = length;
    }

    @Override
    public int read() {
      return remaining-- > 0 ? (int) (remaining & 0x7f) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (remaining - i);
      }
      remaining -= n;
      return n;
    }
  }
}
