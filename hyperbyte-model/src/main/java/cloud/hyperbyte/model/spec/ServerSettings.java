package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** HTTP server settings of every member. */
@Value.Immutable
public interface ServerSettings {

  /** The single port for API, metrics and cluster traffic. */
  int port();

  /** Request body cap. */
  long maxBodySizeBytes();

  /** Timeout of every route. */
  int requestTimeoutSecs();

  /** Query timeout. */
  int queryTimeoutSecs();

  /** 0 means unlimited. */
  int maxConcurrentQueries();

  /** HTTPS on the node port. */
  TlsSettings tls();
}
