package cloud.hyperbyte.reconcile.port;

/** Why a call to a database member or a proxy pod did not produce a result. */
public enum CallFailure {
  /** No connection (refused, DNS failure, reset): the listener is not up or the pod is gone. */
  UNREACHABLE,
  /** The client gave up waiting. The server may still be doing the work. */
  TIMEOUT,
  /** A leader-only call reached a follower; the body may name the leader (HTTP 503). */
  NOT_LEADER,
  /** Any other non-success HTTP status, including the server's own 408 request timeout. */
  HTTP_ERROR,
  /** A success status with a body that does not match the contract. */
  BAD_RESPONSE
}
