package cloud.hyperbyte.operator.backup;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it: a remote command's stderr for failure
 * messages, bounded whatever the command prints. Written by the exec client's thread, read by the
 * worker, hence synchronized.
 */
final class StderrTail extends OutputStream {

  private final byte[] ring;
  private long written;

  StderrTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.ring = new byte[capacity];
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (written % ring.length)] = (byte) b;
    written++;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    // only the last ring.length bytes of a long write can survive
    int skip = Math.max(0, length - ring.length);
    written += skip;
    for (int i = offset + skip; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** The kept bytes as UTF-8 text (a cut multi-byte character at the start is replaced). */
  @Override
  public synchronized String toString() {
    int size = (int) Math.min(written, ring.length);
    byte[] tail = new byte[size];
    int start = (int) ((written - size) % ring.length);
    for (int i = 0; i < size; i++) {
      tail[i] = ring[(start + i) % ring.length];
    }
    String text = new String(tail, StandardCharsets.UTF_8).strip();
    return written > ring.length ? "…" + text : text;
  }
}
