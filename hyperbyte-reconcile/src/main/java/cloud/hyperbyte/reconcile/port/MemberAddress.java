package cloud.hyperbyte.reconcile.port;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.util.Objects;

/**
 * How to reach one database member: its StatefulSet ordinal, Raft node id, pod name, and the stable
 * DNS host and API port the operator calls. Built from {@link MemberTopology}, so the address is the
 * one the node registers in Raft.
 *
 * @param ordinal StatefulSet ordinal
 * @param nodeId database node id (ordinal + 1)
 * @param podName pod {@code <cluster>-<ordinal>}
 * @param host stable pod DNS name {@code <pod>.<headless>.<ns>.svc.<domain>}
 * @param port database HTTP API port
 */
public record MemberAddress(int ordinal, long nodeId, String podName, String host, int port) {

  public MemberAddress {
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(host, "host");
    if (nodeId != MemberTopology.nodeId(ordinal)) {
      throw new IllegalArgumentException("node id " + nodeId + " does not belong to ordinal " + ordinal);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /** The member with {@code ordinal} of the cluster described by {@code spec}. */
  public static MemberAddress of(ClusterSpec spec, int ordinal) {
    MemberTopology topology = MemberTopology.of(spec);
    return new MemberAddress(
        ordinal, MemberTopology.nodeId(ordinal), topology.podName(ordinal), topology.podFqdn(ordinal), spec.server().port());
  }

  /** {@code host:port}, no scheme: the address Raft stores for the node and {@code add-node} takes. */
  public String clusterAddress() {
    return host + ":" + port;
  }
}
