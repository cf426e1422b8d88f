package cloud.hyperbyte.operator.storage;

/**
 * Part sizes of a multipart upload of unknown length. S3 allows at most 10,000 parts of at least
 * 5 MiB (except the last). Parts start at {@code initial} and double every {@code partsPerStep}
 * parts up to {@code max}, so small backups use a small buffer while the largest part, and with it
 * the operator's memory per upload, stays bounded by {@code max}. With the defaults (8 MiB, 2,000
 * parts, 64 MiB) one upload holds up to about 359 GiB (368,000 MiB).
 */
record PartSizing(int initial, int max, int partsPerStep) {

  static final int MIB = 1024 * 1024;
  static final int MAX_PARTS = 10_000;
  static final PartSizing DEFAULT = new PartSizing(8 * MIB, 64 * MIB, 2_000);

  PartSizing {
    if (initial < 5 * MIB || max < initial || partsPerStep < 1) {
      throw new IllegalArgumentException("parts must be >= 5 MiB and max >= initial");
    }
  }

  /** Size of part {@code partNumber} (1-based). */
  int sizeOf(int partNumber) {
    long size = initial;
    for (int step = (partNumber - 1) / partsPerStep; step > 0 && size < max; step--) {
      size *= 2;
    }
    return (int) Math.min(size, max);
  }

  /** Largest object one upload can hold. */
  long capacity() {
    long total = 0;
    for (int part = 1; part <= MAX_PARTS; part++) {
      total += sizeOf(part);
    }
    return total;
  }
}
