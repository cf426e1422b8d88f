package cloud.hyperbyte.reconcile.seed;

import java.util.Optional;

/**
 * Names and labels of the objects that seed member {@code ordinal} of cluster {@code cluster}: the
 * Secret holding the one-time token, and one source and one target pod per attempt.
 */
public final class SeedNames {

  /** Label on seed pods and Secrets: the cluster they seed a member of. */
  public static final String SEED_LABEL = "hyperbytedb.hyperbyte.cloud/seed-for";
  /** Label: the ordinal of the member being seeded. */
  public static final String ORDINAL_LABEL = "hyperbytedb.hyperbyte.cloud/seed-ordinal";
  /** Label: the attempt, from 1. */
  public static final String ATTEMPT_LABEL = "hyperbytedb.hyperbyte.cloud/seed-attempt";
  /** Label: {@code source} or {@code target}. */
  public static final String ROLE_LABEL = "hyperbytedb.hyperbyte.cloud/seed-role";
  /** Label: the ordinal of the member the source pod backs up. */
  public static final String SOURCE_LABEL = "hyperbytedb.hyperbyte.cloud/seed-source";
  /**
   * Annotation on a member's claim once it holds a restored backup: the source pod it came from.
   * The StatefulSet grows over a claim only when it carries it, and it is removed once the
   * StatefulSet counts the claim's ordinal (a member has started on it).
   */
  public static final String SEEDED_ANNOTATION = "hyperbytedb.hyperbyte.cloud/seeded-from";
  public static final String SEED_APP = "hyperbytedb-seed";

  private SeedNames() {}

  /** The role of a seed pod. */
  public enum Role {
    SOURCE, TARGET;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Role> of(String label) {
      for (Role role : values()) {
        if (role.label().equals(label)) {
          return Optional.of(role);
        }
      }
      return Optional.empty();
    }
  }

  public static String tokenSecret(String cluster, int ordinal) {
    return cluster + "-seed-" + ordinal;
  }

  public static String pod(String cluster, int ordinal, int attempt, Role role) {
    return cluster + "-seed-" + ordinal + "-" + attempt + "-" + role.label();
  }
}
