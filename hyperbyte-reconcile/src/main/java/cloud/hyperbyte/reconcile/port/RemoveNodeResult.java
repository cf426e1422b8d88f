package cloud.hyperbyte.reconcile.port;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * 200 answer of {@code POST /cluster/membership/remove-node} (contract §2.4): {@code {"node_id",
 * "removed_from_voters":bool,"leader_id","remaining_voters":[…]}}. {@code removedFromVoters == false}
 * when the node was not a voter (the call is idempotent).
 */
public record RemoveNodeResult(
    long nodeId, boolean removedFromVoters, OptionalLong leaderId, List<Long> remainingVoters) {

  public RemoveNodeResult {
    Objects.requireNonNull(leaderId, "leaderId");
    remainingVoters = List.copyOf(remainingVoters);
  }
}
