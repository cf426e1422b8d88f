package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** WAL to chDB flush settings. */
@Value.Immutable
public interface FlushSettings {

  /** Flush cadence. */
  int intervalSecs();

  /** Points per flush batch. */
  int maxPointsPerBatch();

  /** Group-commit size; 0 disables group commit. */
  int walBatchSize();

  /** Group-commit delay. */
  long walBatchDelayUs();

  /** Arrow IPC WAL segments ({@code arrow_wal_enabled}). */
  @Value.Default
  default boolean arrowWalEnabled() {
    return true;
  }
}
