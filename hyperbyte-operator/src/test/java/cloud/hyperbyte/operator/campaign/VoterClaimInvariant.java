package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.TreeSet;

/**
 * "No voter's PVC deleted": at every claim deletion the watch delivers, the member of that ordinal
 * is not a voter of any Raft group of the cluster, unless the campaign deleted the claim itself (a
 * lost-PVC fault) or the user deleted the cluster.
 */
final class VoterClaimInvariant implements AutoCloseable {

  static final String NAME = "no-voter-claim-deleted";

  private final SharedIndexInformer<PersistentVolumeClaim> claims;

  VoterClaimInvariant(SimulatedCluster cluster, UserIntent intent, Trace trace) {
    claims = cluster.observerClient().persistentVolumeClaims().inNamespace(NAMESPACE).inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(PersistentVolumeClaim claim) {
            trace.log("claim " + claim.getMetadata().getName() + " created");
          }

          @Override
          public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim claim) {
          }

          @Override
          public void onDelete(PersistentVolumeClaim claim, boolean finalStateUnknown) {
            String name = claim.getMetadata().getName();
            trace.log("claim " + name + " deleted");
            trace.checked(NAME);
            if (intent.deleted() || intent.claimLostByFault(name)) {
              return;
            }
            long nodeId = Long.parseLong(name.substring(name.lastIndexOf('-') + 1)) + 1;
            Set<Long> voters = new TreeSet<>();
            for (SimulatedDatabase database : cluster.databases(NAMESPACE, CLUSTER)) {
              database.raft().ifPresent(raft -> voters.addAll(raft.voters()));
            }
            if (voters.size() > 1 && voters.contains(nodeId)) {
              trace.violated(NAME, "claim " + name + " deleted while node " + nodeId + " is a voter of " + voters);
            }
          }
        });
  }

  @Override
  public void close() {
    claims.close();
  }
}
