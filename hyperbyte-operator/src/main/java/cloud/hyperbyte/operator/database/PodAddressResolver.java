package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.MemberAddress;
import java.net.URI;

/**
 * Where to send HTTP calls for a member. In a cluster that is the pod's stable DNS name under the
 * headless Service; tests and out-of-cluster runs replace it (simulated nodes on loopback ports, a
 * port-forward).
 */
@FunctionalInterface
public interface PodAddressResolver {

  /** The base URI ({@code scheme://host:port}, no path) of {@code member}. */
  URI baseUri(MemberAddress member, String scheme);

  /** The pod FQDN and API port from {@link MemberAddress}: what the in-cluster operator calls. */
  static PodAddressResolver podDns() {
    return (member, scheme) -> URI.create(scheme + "://" + member.host() + ":" + member.port());
  }
}
