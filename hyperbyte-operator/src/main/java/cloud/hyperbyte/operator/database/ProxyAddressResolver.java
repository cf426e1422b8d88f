package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import java.net.URI;

/** Where to send a proxy pod's admin calls; in a cluster its pod IP, replaceable for tests. */
@FunctionalInterface
public interface ProxyAddressResolver {

  /** The base URI ({@code http://host:port}) of {@code proxy}'s admin API. */
  URI baseUri(ProxyEndpoint proxy);

  /** The pod IP and admin port: what the in-cluster operator calls. */
  static ProxyAddressResolver podIp() {
    return proxy -> URI.create("http://" + proxy.podIp() + ":" + proxy.adminPort());
  }
}
