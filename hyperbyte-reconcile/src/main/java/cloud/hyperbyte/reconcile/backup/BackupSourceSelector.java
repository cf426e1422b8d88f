package cloud.hyperbyte.reconcile.backup;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the member a snapshot is taken from. Every member holds the full dataset (writes fan
 * out to all peers, contract §5.2), so one healthy member is a full backup. A non-leader is
 * preferred so that the copy's disk and CPU load does not slow the Raft leader; the leader is
 * used only when it is the only healthy member. Ties go to the lowest ordinal, so repeated runs
 * use the same member and snapshots stay comparable.
 */
public final class BackupSourceSelector {

  /**
   * A member as the backup sees it.
   *
   * @param pod pod name
   * @param ordinal StatefulSet ordinal
   * @param healthy running, ready and Active in the database
   * @param leader the current Raft leader
   */
  public record Member(String pod, int ordinal, boolean healthy, boolean leader) {
    public Member {
      Objects.requireNonNull(pod, "pod");
    }
  }

  private BackupSourceSelector() {}

  /** The member to back up; empty when no member is healthy. */
  public static Optional<Member> choose(List<Member> members) {
    return ranked(members).stream().findFirst();
  }

  /** The healthy members, most preferred first (a seed retries from the next one). */
  public static List<Member> ranked(List<Member> members) {
    Comparator<Member> preference =
        Comparator.comparing(Member::leader).thenComparingInt(Member::ordinal);
    return members.stream().filter(Member::healthy).sorted(preference).toList();
  }
}
