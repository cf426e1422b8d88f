package cloud.hyperbyte.operator.campaign;

import java.time.Duration;

/**
 * One thing a campaign step does: a user operation or a fault. Every action prints as the line a
 * failing seed shows in its schedule, and names the {@link #kind()} the campaign counts it under.
 */
sealed interface Action {

  /** The counter this action is reported under ("scale", "api-error 409", "member-crash" …). */
  String kind();

  /** Whether it is a fault (as opposed to a user operation). */
  default boolean isFault() {
    return true;
  }

  /** A user operation on the cluster. */
  sealed interface UserOperation extends Action {
    @Override
    default boolean isFault() {
      return false;
    }
  }

  record Scale(int replicas) implements UserOperation {
    public String kind() {
      return "scale";
    }
  }

  record Upgrade(String version) implements UserOperation {
    public String kind() {
      return "upgrade";
    }
  }

  /** A config change that rolls the members: the log level. */
  record ConfigChange(String logLevel) implements UserOperation {
    public String kind() {
      return "config-change";
    }
  }

  record Pause() implements UserOperation {
    public String kind() {
      return "pause";
    }
  }

  record Resume() implements UserOperation {
    public String kind() {
      return "resume";
    }
  }

  /** A one-shot HyperbytedbBackup {@code name}. */
  record Backup(String name) implements UserOperation {
    public String kind() {
      return "backup";
    }
  }

  /** A HyperbytedbRestore {@code name} of backup {@code backup}. */
  record Restore(String name, String backup) implements UserOperation {
    public String kind() {
      return "restore";
    }
  }

  record Delete() implements UserOperation {
    public String kind() {
      return "delete";
    }
  }

  /** API answers {@code status} to {@code verb} on {@code resource} with probability {@code p} for {@code lasting}. */
  record ApiError(String verb, String resource, int status, double p, Duration lasting) implements Action {
    public String kind() {
      return "api-error " + status;
    }
  }

  /** API answers late ({@code delay} of real time, nothing stored) with probability {@code p} for {@code lasting}. */
  record ApiTimeout(String verb, String resource, Duration delay, double p, Duration lasting) implements Action {
    public String kind() {
      return "api-timeout";
    }
  }

  /** New watches are answered 410 Gone with probability {@code p} for {@code lasting}. */
  record WatchGone(double p, Duration lasting) implements Action {
    public String kind() {
      return "watch-410";
    }
  }

  /** Every open watch connection of the API is closed. */
  record WatchDisconnect() implements Action {
    public String kind() {
      return "watch-disconnect";
    }
  }

  /** The member process dies (SIGKILL) and its container restarts after {@code downFor}. */
  record MemberCrash(int ordinal, Duration downFor) implements Action {
    public String kind() {
      return "member-crash";
    }
  }

  /** The member is cut off from peers and callers ({@code hung}: connections held, else refused). */
  record MemberPartition(int ordinal, boolean hung, Duration lasting) implements Action {
    public String kind() {
      return hung ? "member-hung" : "member-partition";
    }
  }

  /** The member answers every call {@code latency} late (real time). */
  record MemberSlow(int ordinal, Duration latency, Duration lasting) implements Action {
    public String kind() {
      return "member-slow";
    }
  }

  /** The member reports itself unhealthy (its WAL batcher died). */
  record MemberUnhealthy(int ordinal, Duration lasting) implements Action {
    public String kind() {
      return "member-unhealthy";
    }
  }

  /** The member's drains never end. */
  record StuckDrain(int ordinal, Duration lasting) implements Action {
    public String kind() {
      return "member-stuck-drain";
    }
  }

  /** The pod is deleted (an eviction). */
  record PodEviction(int ordinal) implements Action {
    public String kind() {
      return "pod-eviction";
    }
  }

  /** The member's claim is lost (deleted), then its pod, so the member comes back on an empty volume. */
  record LostClaim(int ordinal) implements Action {
    public String kind() {
      return "lost-pvc";
    }
  }

  /** An operator instance is killed; a new one starts {@code restartAfter} later. */
  record OperatorKill(Duration restartAfter) implements Action {
    public String kind() {
      return "operator-kill";
    }
  }

  /** Connections to S3 are answered {@code status} (500, 503) with probability {@code p} for {@code lasting}. */
  record S3Error(int status, double p, Duration lasting) implements Action {
    public String kind() {
      return "s3-error " + status;
    }
  }

  /** Connections to S3 are held unanswered for {@code hang} (real time) with probability {@code p} for {@code lasting}. */
  record S3Hang(Duration hang, double p, Duration lasting) implements Action {
    public String kind() {
      return "s3-timeout";
    }
  }

  /** The Lease holder cannot reach the Lease (its renewals fail) for {@code lasting}, so it loses it mid-pass. */
  record LeaseLoss(Duration lasting) implements Action {
    public String kind() {
      return "lease-loss";
    }
  }
}
