package cloud.hyperbyte.testkit.db;

/** openraft's {@code ServerState}, as {@code /cluster/raft/metrics} reports it in {@code state}. */
public enum RaftRole {
  LEADER("Leader"),
  FOLLOWER("Follower"),
  CANDIDATE("Candidate"),
  LEARNER("Learner");

  private final String wireName;

  RaftRole(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
