package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /cluster/leader} (contract §2.6): {@code {leader_id, leader_addr, this_node_id,
 * is_leader, term}}. {@code leader_id} and {@code leader_addr} are null while no leader is known.
 */
public record LeaderInfo(
    OptionalLong leaderId, Optional<String> leaderAddr, long thisNodeId, boolean isLeader, long term) {

  public LeaderInfo {
    Objects.requireNonNull(leaderId, "leaderId");
    Objects.requireNonNull(leaderAddr, "leaderAddr");
  }
}
