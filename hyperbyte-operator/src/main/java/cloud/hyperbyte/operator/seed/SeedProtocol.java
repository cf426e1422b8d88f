package cloud.hyperbyte.operator.seed;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The wire protocol between {@code seed-fetch} and {@code seed-serve}, on one TCP connection:
 *
 * <ol>
 *   <li>client: {@code HYPERBYTE-SEED/1 <token>\n}
 *   <li>server: {@code OK\n}, or {@code DENIED\n} and the connection closes;
 *   <li>server: the tar in frames of a 4-byte big-endian length and that many bytes, an empty frame
 *       ending it, then the archive's byte count (8 bytes) and SHA-256 (32 bytes).
 * </ol>
 *
 * <p>Frames make the end of the archive explicit, so a connection that breaks mid-stream is never
 * taken for a complete archive, and the trailer lets the client verify what it unpacked.
 */
final class SeedProtocol {

  static final String HELLO = "HYPERBYTE-SEED/1 ";
  static final String OK = "OK";
  static final String DENIED = "DENIED";
  static final int MAX_LINE = 512;
  static final int FRAME = 64 * 1024;

  private SeedProtocol() {}

  static void writeLine(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one line of at most {@link #MAX_LINE} bytes, without the newline. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed before a full line");
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** Token comparison in constant time. */
  static boolean sameToken(String expected, String presented) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Frames what is written; {@link #close} ends the archive and writes the trailer (not closing the socket). */
  static final class FramedOutput extends OutputStream {
    private final DataOutputStream out;
    private final MessageDigest digest = sha256();
    private final byte[] buffer = new byte[FRAME];
    private int buffered;
    private long count;
    private boolean closed;

    FramedOutput(OutputStream out) {
      this.out = new DataOutputStream(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (buffered == buffer.length) {
        flushFrame();
      }
      buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        if (buffered == buffer.length) {
          flushFrame();
        }
        int n = Math.min(length, buffer.length - buffered);
        System.arraycopy(bytes, offset, buffer, buffered, n);
        buffered += n;
        offset += n;
        length -= n;
      }
    }

    private void flushFrame() throws IOException {
      if (buffered == 0) {
        return;
      }
      out.writeInt(buffered);
      out.write(buffer, 0, buffered);
      digest.update(buffer, 0, buffered);
      count += buffered;
      buffered = 0;
    }

    long count() {
      return count;
    }

    private String finalHex;

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      flushFrame();
      out.writeInt(0);
      out.writeLong(count);
      byte[] sha = digest.digest();
      finalHex = HexFormat.of().formatHex(sha);
      out.write(sha);
      out.flush();
    }

    String finalSha256Hex() {
      return finalHex;
    }
  }

  /** Reads frames; at the empty frame it checks the trailer and reports the end of the archive. */
  static final class FramedInput extends InputStream {
    private final DataInputStream in;
    private final MessageDigest digest = sha256();
    private int remaining;
    private long count;
    private boolean ended;
    private String sha256Hex;

    FramedInput(InputStream in) {
      this.in = new DataInputStream(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (remaining == 0) {
        if (ended) {
          return -1;
        }
        int frame = in.readInt();
        if (frame < 0 || frame > FRAME) {
          throw new IOException("bad frame length " + frame);
        }
        if (frame == 0) {
          end();
          return -1;
        }
        remaining = frame;
      }
      int n = in.read(bytes, offset, Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException("connection closed mid-frame");
      }
      digest.update(bytes, offset, n);
      remaining -= n;
      count += n;
      return n;
    }

    private void end() throws IOException {
      ended = true;
      long expectedCount = in.readLong();
      byte[] expectedSha = in.readNBytes(32);
      byte[] actual = digest.digest();
      sha256Hex = HexFormat.of().formatHex(actual);
      if (expectedSha.length != 32 || expectedCount != count || !MessageDigest.isEqual(expectedSha, actual)) {
        throw new CorruptArchiveException("archive does not match its trailer: " + count + " bytes sha256 " + sha256Hex
            + ", the source sent " + expectedCount + " bytes sha256 " + HexFormat.of().formatHex(expectedSha));
      }
    }

    /** Reads to the end of the archive (tar's end-of-archive padding included) and checks the trailer. */
    void finish() throws IOException {
      transferTo(OutputStream.nullOutputStream());
    }

    long count() {
      return count;
    }

    String sha256Hex() {
      return sha256Hex;
    }
  }

  /** The archive arrived whole but does not match the source's count and checksum. */
  static final class CorruptArchiveException extends IOException {
    CorruptArchiveException(String message) {
      super(message);
    }
  }
}
