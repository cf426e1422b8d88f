package cloud.hyperbyte.operator.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the user asked for and which disruptions the campaign caused itself, as the invariants need
 * them: the replicas the cluster should serve with, whether it is paused or deleted, and the
 * members a fault is acting on (from the fault until the member is ready again), with the
 * simulated instant each fault began.
 */
final class UserIntent {

  static final String NAMESPACE = "campaign";
  static final String CLUSTER = "hdb";

  private volatile int replicas;
  private volatile boolean deleted;
  private volatile boolean restoring;
  private final Map<Integer, Instant> faulted = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> faultEnded = new ConcurrentHashMap<>();
  private final Map<String, Boolean> claimsLostByFault = new ConcurrentHashMap<>();

  UserIntent(int replicas) {
    this.replicas = replicas;
  }

  int replicas() {
    return replicas;
  }

  void replicas(int replicas) {
    this.replicas = replicas;
  }

  boolean deleted() {
    return deleted;
  }

  void delete() {
    deleted = true;
  }

  /** Whether a restore holds the cluster (from its creation until it ends): members go down by design. */
  boolean restoring() {
    return restoring;
  }

  void restoring(boolean restoring) {
    this.restoring = restoring;
  }

  /** A fault acts on member {@code ordinal} from {@code since}. */
  void faultBegan(int ordinal, Instant since) {
    faulted.putIfAbsent(ordinal, since);
    faultEnded.remove(ordinal);
  }

  /** The fault on {@code ordinal} ended; the member counts as faulted until it is ready again. */
  void faultEnded(int ordinal) {
    if (faulted.containsKey(ordinal)) {
      faultEnded.put(ordinal, true);
    }
  }

  /** Member {@code ordinal} is ready: a fault that ended no longer excuses it. */
  void memberReady(int ordinal) {
    if (faultEnded.remove(ordinal) != null) {
      faulted.remove(ordinal);
    }
  }

  Optional<Instant> faultedSince(int ordinal) {
    return Optional.ofNullable(faulted.get(ordinal));
  }

  void claimLost(String claim) {
    claimsLostByFault.put(claim, true);
  }

  boolean claimLostByFault(String claim) {
    return claimsLostByFault.containsKey(claim);
  }

  static String pod(int ordinal) {
    return CLUSTER + "-" + ordinal;
  }
}
