package cloud.hyperbyte.reconcile.backup;

import java.util.Locale;

/** Byte counts for people, in binary units as {@code kubectl} shows quantities: 1.5 GiB. */
public final class HumanSize {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private HumanSize() {}

  /** {@code 0 B}, {@code 1023 B}, {@code 1.0 KiB}, {@code 12.3 MiB} … */
  public static String of(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
    double value = bytes / Math.pow(1024, unit);
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
