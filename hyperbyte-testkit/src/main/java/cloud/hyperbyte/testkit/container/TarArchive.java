package cloud.hyperbyte.testkit.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code tar -C DIR -cf - .}: a POSIX ustar stream of a directory tree of a mount, entries
 * {@code ./}, {@code ./sub/}, {@code ./sub/file} in sorted order, as GNU tar writes them.
 */
final class TarArchive {

  private static final int BLOCK = 512;

  private TarArchive() {}

  static byte[] of(Mount mount, String directory) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    add(out, mount, directory, "./");
    out.write(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  private static void add(ByteArrayOutputStream out, Mount mount, String path, String name) throws IOException {
    if (mount.isDirectory(path)) {
      header(out, name, 0, '5', 0755);
      for (String child : mount.list(path)) {
        String childPath = path.isEmpty() ? child : path + "/" + child;
        add(out, mount, childPath, name + child + (mount.isDirectory(childPath) ? "/" : ""));
      }
    } else {
      byte[] content = mount.read(path);
      header(out, name, content.length, '0', 0644);
      out.write(content);
      int padding = (BLOCK - content.length % BLOCK) % BLOCK;
      out.write(new byte[padding]);
    }
  }

  private static void header(ByteArrayOutputStream out, String name, long size, char type, int mode)
      throws IOException {
    byte[] header = new byte[BLOCK];
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IOException("testkit tar: name longer than 100 bytes is not simulated: " + name);
    }
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, 0);
    header[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
    header[263] = '0';
    header[264] = '0';
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    String digits = String.format("%06o", checksum);
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, 148, 6);
    header[154] = 0;
    header[155] = ' ';
    out.write(header);
  }

  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = String.format("%0" + (length - 1) + "o", value);
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
    header[offset + length - 1] = 0;
  }
}
