package cloud.hyperbyte.reconcile.port;

import java.util.Locale;
import java.util.Optional;

/** openraft's {@code ServerState} as {@code /cluster/raft/metrics} reports it in {@code state}. */
public enum RaftRole {
  LEADER,
  FOLLOWER,
  CANDIDATE,
  LEARNER,
  SHUTDOWN;

  /** The role named {@code value} in any case, or empty for an unknown name. */
  public static Optional<RaftRole> fromWire(String value) {
    return WireEnums.ignoringCase(RaftRole.class, value);
  }

  /** The capitalised name, as in status {@code raftRole}. */
  public String displayName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
