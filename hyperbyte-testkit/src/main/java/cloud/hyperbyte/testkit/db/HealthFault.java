package cloud.hyperbyte.testkit.db;

/** Local failures that {@code /health} reports with {@code "status":"fail"} (contract §4). */
public enum HealthFault {
  /** The WAL group-commit writer task died. */
  WAL_BATCHER_DEAD("WAL batcher writer unavailable"),
  /** Free disk space fell below {@code readonly_threshold_mb}; writes answer 507. */
  DISK_READ_ONLY("disk read-only due to low free space");

  private final String message;

  HealthFault(String message) {
    this.message = message;
  }

  String message() {
    return message;
  }
}
