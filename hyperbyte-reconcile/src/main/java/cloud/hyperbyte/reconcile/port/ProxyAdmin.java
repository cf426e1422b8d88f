package cloud.hyperbyte.reconcile.port;

/**
 * The hyperbytedb-proxy admin API on one proxy pod (contract §10, port 8087). Used during a rolling
 * upgrade to take a member out of the proxies' rotation before it restarts and put it back after.
 */
public interface ProxyAdmin {

  /** What {@code POST /admin/backends/{ip}/exclude} answered. */
  enum Exclusion {
    /** 200 {@code {"status":"excluded"}}. */
    EXCLUDED,
    /** 409 {@code already_excluded}: the goal is reached. */
    ALREADY_EXCLUDED,
    /**
     * 404: the IP is not in this proxy's pool (not yet discovered, or already gone). Nothing routes
     * to it through this proxy.
     */
    NOT_IN_POOL
  }

  /** What {@code POST /admin/backends/{ip}/include} answered (always 200). */
  enum Inclusion {
    INCLUDED,
    NOT_EXCLUDED
  }

  /** Stops {@code proxy} from routing to {@code backendIp}. */
  Exclusion exclude(ProxyEndpoint proxy, String backendIp) throws ProxyCallException;

  /** Lets {@code proxy} route to {@code backendIp} again. */
  Inclusion include(ProxyEndpoint proxy, String backendIp) throws ProxyCallException;
}
