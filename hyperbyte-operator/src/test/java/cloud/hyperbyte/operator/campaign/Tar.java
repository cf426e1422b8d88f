package cloud.hyperbyte.operator.campaign;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the regular files of a ustar stream (what {@code tar -cf -} writes), by path. */
final class Tar {

  private static final int BLOCK = 512;

  private Tar() {}

  static Map<String, byte[]> files(byte[] tar) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    int at = 0;
    while (at + BLOCK <= tar.length && tar[at] != 0) {
      String name = text(tar, at, 100);
      String prefix = text(tar, at + 345, 155);
      long size = Long.parseLong(text(tar, at + 124, 12).trim().isEmpty() ? "0" : text(tar, at + 124, 12).trim(), 8);
      char type = (char) tar[at + 156];
      at += BLOCK;
      if (type == '0' || type == 0) {
        files.put(prefix.isEmpty() ? name : prefix + "/" + name, Arrays.copyOfRange(tar, at, at + (int) size));
      }
      at += (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
    }
    return files;
  }

  private static String text(byte[] tar, int offset, int length) {
    int end = offset;
    while (end < offset + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
