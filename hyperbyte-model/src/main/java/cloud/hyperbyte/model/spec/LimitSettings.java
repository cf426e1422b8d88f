package cloud.hyperbyte.model.spec;

import java.util.Optional;
import org.immutables.value.Value;

/** Cardinality limits, statement summary, hinted handoff, rate limit and retention. */
@Value.Immutable
public interface LimitSettings {

  /** Tag values per measurement. */
  long maxTagValuesPerMeasurement();

  /** Measurements per database. */
  long maxMeasurementsPerDatabase();

  /** Collect statement summaries. */
  boolean statementSummaryEnabled();

  /** Statement summary entries. */
  int statementSummaryMaxEntries();

  /** Hinted handoff. */
  boolean hintedHandoffEnabled();

  /** Hints kept per peer. */
  long maxHintsPerPeer();

  /** Maximum hint age. */
  long maxHintAgeSecs();

  /** Rate limiting. */
  boolean rateLimitEnabled();

  /** Per endpoint; 0 means unlimited. */
  long maxRequestsPerSecond();

  /** Retention enforcement. */
  boolean retentionEnabled();

  /** Retention interval (humantime); empty means the server default 12h. */
  Optional<String> retentionInterval();
}
