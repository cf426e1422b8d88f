package cloud.hyperbyte.reconcile.seed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the seed decision needs to know, read once per pass.
 *
 * @param enabled {@code spec.scaling.seedNewMembers}
 * @param liveReplicas replicas of the live StatefulSet (0 when there is none yet)
 * @param targetReplicas members wanted
 * @param claims the member data claims (the seed decision acts on those at or above {@code
 *     liveReplicas}, and unmarks those below it)
 * @param tokens ordinals whose token Secret exists
 * @param pods the seed pods of this cluster
 * @param sources members a backup may be taken from, in order of preference: Ready, Active, Raft
 *     voters, with the node their pod runs on
 */
public record SeedObservation(
    boolean enabled,
    int liveReplicas,
    int targetReplicas,
    List<Claim> claims,
    List<Integer> tokens,
    List<SeedPod> pods,
    List<Source> sources) {

  public SeedObservation {
    claims = List.copyOf(claims);
    tokens = List.copyOf(tokens);
    pods = List.copyOf(pods);
    sources = List.copyOf(sources);
  }

  /**
   * A member data claim.
   *
   * @param seededFrom the {@link SeedNames#SEEDED_ANNOTATION}: set once a backup was restored onto it,
   *     removed once the StatefulSet counts the claim's ordinal
   */
  public record Claim(int ordinal, Optional<String> seededFrom, boolean terminating) {
    public Claim {
      Objects.requireNonNull(seededFrom, "seededFrom");
    }
  }

  /** A seed pod, read from its labels and status. */
  public record SeedPod(
      String name, String uid, int ordinal, int attempt, SeedNames.Role role, int sourceOrdinal, Phase phase,
      Optional<String> podIp, Optional<String> message, boolean terminating) {
    public SeedPod {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(podIp, "podIp");
      Objects.requireNonNull(message, "message");
    }

    public boolean ended() {
      return phase == Phase.SUCCEEDED || phase == Phase.FAILED;
    }
  }

  /** A pod's phase. */
  public enum Phase {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public static Phase of(String phase) {
      return switch (phase == null ? "" : phase) {
        case "Running" -> RUNNING;
        case "Succeeded" -> SUCCEEDED;
        case "Failed" -> FAILED;
        default -> PENDING;
      };
    }
  }

  /** A member a backup may be taken from, and the node its pod (and so its volume) is on. */
  public record Source(int ordinal, String podName, String nodeName) {
    public Source {
      Objects.requireNonNull(podName, "podName");
      Objects.requireNonNull(nodeName, "nodeName");
    }
  }

  Optional<Claim> claim(int ordinal) {
    return claims.stream().filter(c -> c.ordinal() == ordinal).findFirst();
  }

  List<SeedPod> podsOf(int ordinal) {
    return pods.stream().filter(p -> p.ordinal() == ordinal).toList();
  }
}
