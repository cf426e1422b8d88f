package cloud.hyperbyte.render.topology;

import cloud.hyperbyte.model.spec.ClusterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The members of a cluster derived from StatefulSet ordinals: pod {@code <name>-<i>} is node
 * {@code i+1}, node 1 bootstraps Raft, and the expected voter set is {1..replicas}.
 */
public final class MemberTopology {

  /** The node id that initializes Raft on every start (the server's rule). */
  public static final long BOOTSTRAP_NODE_ID = 1;

  private final ClusterNames names;
  private final String namespace;
  private final String clusterDomain;
  private final int port;
  private final int replicas;

  private MemberTopology(ClusterNames names, String namespace, String clusterDomain, int port, int replicas) {
    this.names = names;
    this.namespace = namespace;
    this.clusterDomain = clusterDomain;
    this.port = port;
    this.replicas = replicas;
  }

  /** Topology of {@code spec} at its desired replica count. */
  public static MemberTopology of(ClusterSpec spec) {
    return new MemberTopology(
        ClusterNames.of(spec), spec.namespace(), spec.clusterDomain(), spec.server().port(), spec.replicas());
  }

  /** The node id of the member with this ordinal. */
  public static long nodeId(int ordinal) {
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0, was " + ordinal);
    }
    return ordinal + 1L;
  }

  /** The StatefulSet ordinal of the member with this node id. */
  public static int ordinal(long nodeId) {
    if (nodeId < 1 || nodeId > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("node id must be >= 1, was " + nodeId);
    }
    return (int) (nodeId - 1);
  }

  /** Whether this node id initializes Raft. */
  public static boolean isBootstrap(long nodeId) {
    return nodeId == BOOTSTRAP_NODE_ID;
  }

  /** Desired number of members. */
  public int replicas() {
    return replicas;
  }

  /** The pod of the member with this ordinal. */
  public String podName(int ordinal) {
    return names.pod(ordinal);
  }

  /** {@code svc.<clusterDomain>} suffix shared by every in-cluster DNS name. */
  private String serviceDomain() {
    return namespace + ".svc." + clusterDomain;
  }

  /** The headless Service's fully qualified DNS name. */
  public String headlessServiceFqdn() {
    return names.headlessService() + "." + serviceDomain();
  }

  /** The member pod's stable DNS name: {@code <pod>.<headless>.<ns>.svc.<domain>}. */
  public String podFqdn(int ordinal) {
    return podName(ordinal) + "." + headlessServiceFqdn();
  }

  /**
   * The member's cluster address ({@code host:port}, no scheme): what peers dial and what Raft
   * stores for the node, so it must survive pod IP changes.
   */
  public String clusterAddress(int ordinal) {
    return podFqdn(ordinal) + ":" + port;
  }

  /** The member's base URL for the operator's management calls. */
  public String memberUrl(int ordinal, boolean tls) {
    return (tls ? "https://" : "http://") + clusterAddress(ordinal);
  }

  /** Ordinals 0..replicas-1. */
  public List<Integer> ordinals() {
    List<Integer> ordinals = new ArrayList<>(replicas);
    for (int i = 0; i < replicas; i++) {
      ordinals.add(i);
    }
    return Collections.unmodifiableList(ordinals);
  }

  /** The Raft voter set the cluster should converge to: {1..replicas}. */
  public SortedSet<Long> expectedVoters() {
    SortedSet<Long> voters = new TreeSet<>();
    for (int i = 0; i < replicas; i++) {
      voters.add(nodeId(i));
    }
    return Collections.unmodifiableSortedSet(voters);
  }

  /** Every member pod's FQDN, by ordinal. */
  public List<String> podFqdns() {
    List<String> fqdns = new ArrayList<>(replicas);
    for (int i = 0; i < replicas; i++) {
      fqdns.add(podFqdn(i));
    }
    return Collections.unmodifiableList(fqdns);
  }
}
