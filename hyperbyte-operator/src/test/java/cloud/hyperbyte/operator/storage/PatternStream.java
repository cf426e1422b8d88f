package cloud.hyperbyte.operator.storage;

import java.io.InputStream;

/** A deterministic pseudo-random stream of a given length that holds no data in memory. */
final class PatternStream extends InputStream {

  private final long length;
  private long position;
  private long state;

  PatternStream(long length, long seed) {
    this.length = length;
    this.state = seed;
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    position++;
    return next();
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(count, length - position);
    for (int i = 0; i < n; i++) {
      buffer[offset + i] = (byte) next();
    }
    position += n;
    return n;
  }

  private int next() {
    state = state * 6364136223846793005L + 1442695040888963407L; // LCG: cheap and reproducible
    return (int) (state >>> 56) & 0xff;
  }
}
