package cloud.hyperbyte.reconcile.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through while counting them and computing their SHA-256 (snapshot checksums). */
public final class HashingInputStream extends FilterInputStream {

  private final MessageDigest digest;
  private long count;

  public HashingInputStream(InputStream in) {
    super(in);
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      digest.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  /** Reads instead of skipping: skipped bytes must be hashed too. */
  @Override
  public long skip(long n) throws IOException {
    return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /** Lowercase hex SHA-256 of the bytes read; call once, at the end. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
