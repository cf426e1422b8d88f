package cloud.hyperbyte.reconcile.port;

/**
 * Calls on one HyperbyteDB member (database contract §2–§4). Implementations: the HTTP adapter in
 * hyperbyte-operator (authenticating with the admin user when auth is on) and the simulated nodes in
 * hyperbyte-testkit.
 *
 * <p>Every call goes to exactly the member named; implementations do not follow leader redirects on
 * their own, so the lifecycle decides where a leader-only call goes. Implementations must bound every
 * call with a timeout and report it as {@link CallFailure#TIMEOUT}; they must be safe to call from
 * several threads at once.
 */
public interface DatabaseNodes {

  /** {@code GET /ping}: returns when the node answers 204 (its listener is up). */
  void ping(MemberAddress member) throws DatabaseCallException;

  /** {@code GET /health}: 200 and 503 are both answers; other statuses fail as HTTP_ERROR. */
  NodeHealth health(MemberAddress member) throws DatabaseCallException;

  /** {@code GET /cluster/metrics}: the node's own state and its data-plane peers. */
  ClusterMetrics clusterMetrics(MemberAddress member) throws DatabaseCallException;

  /** {@code GET /cluster/raft/metrics}: Raft role, leader, voters and learners as this node sees them. */
  RaftMetrics raftMetrics(MemberAddress member) throws DatabaseCallException;

  /** {@code GET /cluster/leader}. */
  LeaderInfo leader(MemberAddress member) throws DatabaseCallException;

  /**
   * {@code POST /cluster/membership/add-node {"node_id","addr","promote"}} on {@code leader}. A
   * follower answers NOT_LEADER with the leader it knows. Also heals a node peers dropped after a
   * drain (re-adding a member appends a new membership entry). Call only after the node answers
   * {@link #ping}: the new configuration's quorum includes it.
   *
   * @param addr the node's cluster address, {@link MemberAddress#clusterAddress()}
   */
  AddNodeResult addNode(MemberAddress leader, long nodeId, String addr, boolean promote)
      throws DatabaseCallException;

  /**
   * {@code POST /cluster/membership/remove-node {"node_id"}} on {@code leader}. 400 ("cannot remove
   * last raft voter") fails as HTTP_ERROR.
   */
  RemoveNodeResult removeNode(MemberAddress leader, long nodeId) throws DatabaseCallException;

  /**
   * {@code POST /internal/drain}: returns on the 202 acknowledgement; the drain runs in the
   * background. Not idempotent on the server (two calls start two drains), so the lifecycle calls it
   * once per member and then watches the state.
   */
  void drain(MemberAddress member) throws DatabaseCallException;

  /** {@code wal_last_seq} of {@code GET /internal/sync/manifest}: the node's local WAL sequence. */
  long walSequence(MemberAddress member) throws DatabaseCallException;

  /**
   * {@code /query} {@code CREATE USER "<user>" WITH PASSWORD '<password>' WITH ALL PRIVILEGES},
   * authenticated as {@code authenticateAs} when given (needed once auth is on; ignored while it is
   * off, which is the only time the first user can be created).
   *
   * @return false when the user already exists (its password is left as it is)
   */
  boolean createAdminUser(MemberAddress member, java.util.Optional<AdminCredentials> authenticateAs,
      AdminCredentials admin) throws DatabaseCallException;

  /**
   * {@code /query} {@code SET PASSWORD FOR "<user>" = '<password>'} authenticated as
   * {@code authenticateAs} when given. Repeating it after it succeeded is harmless: when the old
   * credentials no longer authenticate, the statement is sent again as {@code admin} itself.
   */
  void setPassword(MemberAddress member, java.util.Optional<AdminCredentials> authenticateAs, AdminCredentials admin)
      throws DatabaseCallException;
}
