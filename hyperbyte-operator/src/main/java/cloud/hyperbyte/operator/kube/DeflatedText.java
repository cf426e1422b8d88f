package cloud.hyperbyte.operator.kube;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text kept deflated: an object's JSON shrinks to a third or less (labels, field names and the
 * template's scripts repeat within it). One deflater and one inflater serve the whole process, each
 * behind its own lock: a zlib deflater holds about 256 KiB of native memory, one per informer
 * thread would cost more than it saves, and compressing an object takes microseconds.
 */
final class DeflatedText {

  private static final Deflater DEFLATER = new Deflater(Deflater.BEST_SPEED, true);
  private static final Inflater INFLATER = new Inflater(true);

  private DeflatedText() {}

  /** {@code text} deflated, prefixed by its length. */
  static byte[] deflate(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 3 + 16);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(text.length).array());
    byte[] buffer = new byte[Math.max(64, text.length / 2)];
    synchronized (DEFLATER) {
      DEFLATER.reset();
      DEFLATER.setInput(text);
      DEFLATER.finish();
      while (!DEFLATER.finished()) {
        out.write(buffer, 0, DEFLATER.deflate(buffer));
      }
    }
    return out.toByteArray();
  }

  /** The text {@link #deflate} was given. */
  static byte[] inflate(byte[] deflated) {
    byte[] text = new byte[ByteBuffer.wrap(deflated).getInt()];
    synchronized (INFLATER) {
      INFLATER.reset();
      INFLATER.setInput(deflated, Integer.BYTES, deflated.length - Integer.BYTES);
      try {
        int length = 0;
        while (length < text.length) {
          int inflated = INFLATER.inflate(text, length, text.length - length);
          if (inflated == 0 && (INFLATER.finished() || INFLATER.needsInput())) {
            throw new IllegalStateException("deflated text ends after " + length + " of " + text.length + " bytes");
          }
          length += inflated;
        }
      } catch (DataFormatException e) {
        throw new IllegalStateException("not text this process deflated", e);
      }
    }
    return text;
  }
}
