package cloud.hyperbyte.reconcile.execute;

import cloud.hyperbyte.reconcile.port.CallFailure;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait after a failed action, by what went wrong. A changing Raft leader or a write
 * conflict settles within moments; an unreachable member needs its pod to come up; an error answer
 * rarely clears by itself quickly.
 *
 * @param leaderChange after NOT_LEADER (the snapshot named a leader that no longer leads)
 * @param unreachable after UNREACHABLE or TIMEOUT from a member or a proxy pod
 * @param errorAnswer after HTTP_ERROR or BAD_RESPONSE, and after an {@code add-node} whose promotion failed
 * @param kubernetesConflict after a 409 from the API server
 * @param kubernetesError after any other refusal of the API server
 */
public record RetryDelays(
    Duration leaderChange,
    Duration unreachable,
    Duration errorAnswer,
    Duration kubernetesConflict,
    Duration kubernetesError) {

  public RetryDelays {
    Objects.requireNonNull(leaderChange, "leaderChange");
    Objects.requireNonNull(unreachable, "unreachable");
    Objects.requireNonNull(errorAnswer, "errorAnswer");
    Objects.requireNonNull(kubernetesConflict, "kubernetesConflict");
    Objects.requireNonNull(kubernetesError, "kubernetesError");
  }

  /** 2 s after a leader change, 5 s for unreachable members, 15 s after error answers, 1 s / 5 s for the API server. */
  public static RetryDelays defaults() {
    return new RetryDelays(
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** The delay after a database or proxy call failed with {@code kind}. */
  public Duration after(CallFailure kind) {
    return switch (kind) {
      case NOT_LEADER -> leaderChange;
      case UNREACHABLE, TIMEOUT -> unreachable;
      case HTTP_ERROR, BAD_RESPONSE -> errorAnswer;
    };
  }

  /** The delay after the API server refused a write with {@code httpStatus} (0: no answer). */
  public Duration afterKubernetes(int httpStatus) {
    return httpStatus == 409 ? kubernetesConflict : kubernetesError;
  }
}
