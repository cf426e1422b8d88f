package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberSeedStatus;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * Writes a pass's seeding into the status: {@code status.seeding} (one entry per new member, absent
 * when none is being seeded) and the condition {@code MembersSeeded}: False with reason {@code
 * SeedBlocked} and the reason when a new member cannot be seeded (it is not added), else True.
 */
public final class SeedStatus {

  public static final String CONDITION = "MembersSeeded";
  public static final String BLOCKED = "SeedBlocked";

  private SeedStatus() {}

  public static void apply(HyperbytedbClusterStatus status, SeedPlan plan, String clusterName,
      List<Condition> previous, long generation, Instant now) {
    List<MemberSeedStatus> members = plan.progress().stream().map(p -> {
      MemberSeedStatus member = new MemberSeedStatus();
      member.setMember(clusterName + "-" + p.ordinal());
      member.setStage(p.stage().name());
      member.setAttempt(p.attempt() == 0 ? null : p.attempt());
      member.setSource(p.source().orElse(null));
      member.setMessage(p.message());
      return member;
    }).toList();
    status.setSeeding(members.isEmpty() ? null : members);
    Condition condition = plan.blocked()
        .map(reason -> ClusterConditions.condition(previous, CONDITION, false, BLOCKED, reason, generation, now))
        .orElseGet(() -> ClusterConditions.condition(previous, CONDITION, true, plan.seeding() ? "Seeding" : "Seeded",
            plan.seeding() ? "New members are being seeded before their first start"
                : "Every member started on a seeded or existing volume", generation, now));
    ClusterConditions.put(status, condition);
  }
}
