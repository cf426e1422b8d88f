package cloud.hyperbyte.reconcile.tls;

import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one TLS decision.
 *
 * @param secretsToWrite Secrets the operator must create or replace (operator CA mode only), in
 *     order: CA first
 * @param certificateHash hash of the material members load, for the pod template; empty when TLS
 *     is off or the material is not there yet
 * @param state whether members can start
 * @param reason a CamelCase reason for the condition
 * @param message what happened, or what the user must do
 * @param nextCheck when the decision may change by the clock alone (the earliest renewal start)
 */
public record TlsMaterial(
    List<Secret> secretsToWrite,
    Optional<String> certificateHash,
    TlsState state,
    String reason,
    String message,
    Optional<Instant> nextCheck) {

  /** The type of the Secrets the operator's own CA issues into ({@code <name>-ca}, {@code <name>-tls}). */
  public static final String OPERATOR_SECRET_TYPE = "Opaque";

  public TlsMaterial {
    secretsToWrite = List.copyOf(secretsToWrite);
  }

  static TlsMaterial disabled() {
    return new TlsMaterial(List.of(), Optional.empty(), TlsState.DISABLED, "TlsDisabled", "TLS is off", Optional.empty());
  }
}
