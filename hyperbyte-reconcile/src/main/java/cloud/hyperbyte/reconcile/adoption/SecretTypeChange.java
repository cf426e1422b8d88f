package cloud.hyperbyte.reconcile.adoption;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * A Secret's {@code type} is immutable, and the Go operator's {@code <name>-tls} is of type
 * {@code kubernetes.io/tls} where this operator's (member certificates from its own CA) is
 * {@code Opaque}: applying over it is refused. The old Secret is deleted right before the new one is
 * created, in the same pass and before the StatefulSet is replaced, so no member is ever without a
 * certificate: running members loaded theirs at start and keep the files the kubelet projected, and
 * every restart (the adoption's rolling restart) comes after the new Secret exists. Only a Secret the
 * cluster controls is replaced; a user's is never touched. Pure.
 */
public final class SecretTypeChange {

  private static final String OPAQUE = "Opaque";

  private SecretTypeChange() {}

  /** The UID of {@code live} when it must be deleted before {@code desired} can be written; empty otherwise. */
  public static Optional<String> staleUid(Secret desired, Optional<Secret> live, String clusterUid) {
    if (live.isEmpty() || live.get().getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    Secret old = live.get();
    boolean sameType = Objects.equals(typeOf(desired), typeOf(old));
    boolean controlled = old.getMetadata().getOwnerReferences() != null && old.getMetadata().getOwnerReferences()
        .stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && Objects.equals(r.getUid(), clusterUid));
    return sameType || !controlled ? Optional.empty() : Optional.ofNullable(old.getMetadata().getUid());
  }

  /** A Secret's type, {@code Opaque} when unset (as the API server defaults it). */
  static String typeOf(Secret secret) {
    return secret.getType() == null ? OPAQUE : secret.getType();
  }
}
