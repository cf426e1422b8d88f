package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A call to a database member that did not produce a result. {@link #kind()} tells the caller what
 * to do: wait (UNREACHABLE, TIMEOUT), follow {@link #leaderId()} (NOT_LEADER), or report the status
 * and body (HTTP_ERROR, BAD_RESPONSE).
 */
public final class DatabaseCallException extends Exception {

  private static final long serialVersionUID = 1L;

  private final CallFailure kind;
  private final long nodeId;
  private final Long leaderId;
  private final Integer httpStatus;
  private final String body;

  private DatabaseCallException(
      CallFailure kind, long nodeId, Long leaderId, Integer httpStatus, String body, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.nodeId = nodeId;
    this.leaderId = leaderId;
    this.httpStatus = httpStatus;
    this.body = body == null ? "" : body;
  }

  /** No connection to {@code member}. */
  public static DatabaseCallException unreachable(MemberAddress member, Throwable cause) {
    return new DatabaseCallException(
        CallFailure.UNREACHABLE, member.nodeId(), null, null, "",
        "node " + member.nodeId() + " (" + member.clusterAddress() + ") is unreachable", cause);
  }

  /** The client timed out calling {@code member}. */
  public static DatabaseCallException timeout(MemberAddress member, Throwable cause) {
    return new DatabaseCallException(
        CallFailure.TIMEOUT, member.nodeId(), null, null, "",
        "node " + member.nodeId() + " did not answer in time", cause);
  }

  /** {@code member} is not the Raft leader; {@code leaderId} is the leader it names, if any. */
  public static DatabaseCallException notLeader(MemberAddress member, OptionalLong leaderId, String body) {
    return new DatabaseCallException(
        CallFailure.NOT_LEADER, member.nodeId(), leaderId.isPresent() ? leaderId.getAsLong() : null, 503, body,
        "node " + member.nodeId() + " is not the Raft leader"
            + (leaderId.isPresent() ? " (leader is node " + leaderId.getAsLong() + ")" : " and knows no leader"),
        null);
  }

  /** {@code member} answered {@code status} with {@code body}. */
  public static DatabaseCallException httpError(MemberAddress member, int status, String body) {
    return new DatabaseCallException(
        CallFailure.HTTP_ERROR, member.nodeId(), null, status, body,
        "node " + member.nodeId() + " answered HTTP " + status + (body == null || body.isEmpty() ? "" : ": " + body),
        null);
  }

  /** {@code member} answered with a body that does not match the contract. */
  public static DatabaseCallException badResponse(MemberAddress member, String body, Throwable cause) {
    return new DatabaseCallException(
        CallFailure.BAD_RESPONSE, member.nodeId(), null, null, body,
        "node " + member.nodeId() + " sent an unexpected response", cause);
  }

  public CallFailure kind() {
    return kind;
  }

  /** The node that was called. */
  public long nodeId() {
    return nodeId;
  }

  /** For NOT_LEADER: the leader the node named, if it knows one. */
  public OptionalLong leaderId() {
    return leaderId == null ? OptionalLong.empty() : OptionalLong.of(leaderId);
  }

  /** The HTTP status for NOT_LEADER and HTTP_ERROR. */
  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The response body, empty when there was none. */
  public String body() {
    return body;
  }
}
