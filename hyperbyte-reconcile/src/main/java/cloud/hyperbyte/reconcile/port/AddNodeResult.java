package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * 200 answer of {@code POST /cluster/membership/add-node} (contract §2.3): {@code {"node_id","addr",
 * "added_as_learner":true,"promoted_to_voter":bool,"leader_id"}}. {@code promotedToVoter == false}
 * means the promotion failed and the call should be repeated.
 */
public record AddNodeResult(
    long nodeId, String addr, boolean addedAsLearner, boolean promotedToVoter, OptionalLong leaderId) {

  public AddNodeResult {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(leaderId, "leaderId");
  }
}
