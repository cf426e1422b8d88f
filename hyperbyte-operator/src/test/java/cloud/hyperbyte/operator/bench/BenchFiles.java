package cloud.hyperbyte.operator.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** The data benchmarks move, written to disk before the timed part, and their clean-up. */
final class BenchFiles {

  private static final long CHUNK = 256L << 20;

  private BenchFiles() {}

  /**
   * {@code bytes} in files {@code part_<n>.bin} of 256 MiB in {@code dir} (made anew): random, so
   * incompressible, and each file's blocks differ from every other file's.
   */
  static Path writeIncompressibleParts(Path dir, long bytes) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    byte[] block = new byte[8 << 20];
    new Random(42).nextBytes(block);
    for (int part = 0; (long) part * CHUNK < bytes; part++) {
      try (OutputStream out = Files.newOutputStream(dir.resolve("part_" + part + ".bin"))) {
        for (long written = 0; written < Math.min(CHUNK, bytes - (long) part * CHUNK); written += block.length) {
          block[0] = (byte) part;
          out.write(block);
        }
      }
    }
    return dir;
  }

  /** Deletes {@code path} and all below it, if it exists. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
