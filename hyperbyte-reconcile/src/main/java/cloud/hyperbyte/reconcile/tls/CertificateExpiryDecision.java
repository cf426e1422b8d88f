package cloud.hyperbyte.reconcile.tls;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.tls.NodeCertificateKeys;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import cloud.hyperbyte.tls.renewal.RenewalPolicy;
import cloud.hyperbyte.tls.usersecret.UserSecretValidator;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which certificate each member serves, until when, and whether a renewal that is due cannot happen.
 * A member loads its certificate only when it starts, so it serves the material whose hash its pod
 * carries: when that is the current material, its expiry is read from the Secret; when it is older
 * (renewed but not restarted yet), the expiry recorded in status while the member still ran the
 * current material is kept. Pure: the same snapshot, material and instant give the same outcome.
 *
 * <p>Renewal is blocked when a paused cluster holds a member on renewed-away material (the operator
 * restarts members to load certificates, and does not while paused), when cert-manager has not
 * renewed a certificate {@link #CERT_MANAGER_GRACE} after its window opened, or when a user Secret's
 * certificate is in its window (the operator never renews those). The window is the
 * {@link RenewalPolicy}'s: the operator renews its own certificates there, and the cert-manager
 * Certificate it renders asks for the same one.
 */
public final class CertificateExpiryDecision {

  /** cert-manager renews when the window opens; a little later it is not renewing. */
  public static final Duration CERT_MANAGER_GRACE = Duration.ofHours(1);

  private final Clock clock;
  private final RenewalPolicy policy;

  public CertificateExpiryDecision(Clock clock, RenewalPolicy policy) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * @param observed the snapshot of the pass (pods, their certificate hashes, the last status)
   * @param tls the TLS decision of the same pass: the material members should run
   * @param tlsSecret the observed Secret members mount
   */
  public CertificateExpiry decide(ObservedCluster observed, TlsMaterial tls, Optional<Secret> tlsSecret) {
    ClusterSpec spec = observed.spec();
    TlsMode mode = spec.server().tls().mode();
    if (mode == TlsMode.DISABLED || tls.certificateHash().isEmpty()) {
      return CertificateExpiry.none();
    }
    String currentHash = tls.certificateHash().get();
    String secretName = mode == TlsMode.USER_SECRET
        ? spec.server().tls().userSecretName().orElseThrow()
        : ClusterNames.of(spec).tlsSecret();
    Map<String, byte[]> material = SecretData.of(tls.secretsToWrite().stream()
        .filter(secret -> secretName.equals(secret.getMetadata().getName())).findFirst().or(() -> tlsSecret));
    Instant now = clock.instant();
    List<MemberCertificate> members = new ArrayList<>();
    List<RenewalBlocked> blocked = new ArrayList<>();
    List<Instant> windows = new ArrayList<>();
    for (ObservedPod pod : observed.pods().stream().filter(p -> !p.terminating())
        .sorted(Comparator.comparingInt(ObservedPod::ordinal)).toList()) {
      Optional<String> running = Optional.ofNullable(observed.podCertificateHashes().get(pod.ordinal()));
      if (running.isEmpty()) {
        // started before TLS was on: it serves no certificate
        continue;
      }
      if (!running.get().equals(currentHash)) {
        Optional<Instant> recorded = recorded(observed, pod.name());
        recorded.ifPresent(notAfter -> members.add(new MemberCertificate(pod.ordinal(), pod.name(), notAfter)));
        if (spec.paused()) {
          blocked.add(new RenewalBlocked(RenewalBlocked.PAUSED, pod.name(), "serves a certificate that expires "
              + recorded.map(Instant::toString).orElse("at an unknown time") + "; the renewed one in Secret "
              + secretName + " is loaded when the member restarts, which the operator does not do while"
              + " spec.paused is true: unpause the cluster"));
        }
        continue;
      }
      Optional<X509Certificate> certificate = certificate(material, mode, pod.ordinal());
      if (certificate.isEmpty()) {
        continue;
      }
      Instant notBefore = certificate.get().getNotBefore().toInstant();
      Instant notAfter = certificate.get().getNotAfter().toInstant();
      members.add(new MemberCertificate(pod.ordinal(), pod.name(), notAfter));
      Instant windowOpens = policy.renewalStart(notBefore, notAfter);
      Optional<RenewalBlocked> stuck = switch (mode) {
        case USER_SECRET -> now.isBefore(windowOpens) ? Optional.empty()
            : Optional.of(new RenewalBlocked(RenewalBlocked.USER_SECRET_EXPIRING, pod.name(), "the certificate in"
                + " Secret " + secretName + " expires " + notAfter + " (renewal window opened " + windowOpens
                + "); the operator does not renew a user Secret: replace it with a renewed certificate"));
        case CERT_MANAGER -> {
          windowOpens = windowOpens.plus(CERT_MANAGER_GRACE);
          yield now.isBefore(windowOpens) ? Optional.empty()
              : Optional.of(new RenewalBlocked(RenewalBlocked.CERT_MANAGER_NOT_RENEWING, pod.name(), "the"
                  + " certificate expires " + notAfter + " and cert-manager has not renewed it since "
                  + windowOpens.minus(CERT_MANAGER_GRACE) + ": check kubectl describe certificate "
                  + ClusterNames.of(spec).certificate() + " and its issuer"));
        }
        // the operator renews its own material in this very pass, paused or not
        default -> Optional.empty();
      };
      stuck.ifPresent(blocked::add);
      if (now.isBefore(windowOpens)) {
        windows.add(windowOpens);
      }
    }
    return new CertificateExpiry(members, blocked, windows.stream().min(Comparator.naturalOrder()));
  }

  private static Optional<X509Certificate> certificate(Map<String, byte[]> material, TlsMode mode, int ordinal) {
    byte[] pem = material.get(mode == TlsMode.OPERATOR_CA
        ? NodeCertificateKeys.certKey(ordinal) : UserSecretValidator.TLS_CERT);
    if (pem == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PemReader.readCertificate(pem));
    } catch (PemException e) {
      // unusable material is the TLS decision's finding (TlsReady), not an expiry
      return Optional.empty();
    }
  }

  private static Optional<Instant> recorded(ObservedCluster observed, String podName) {
    List<MemberStatus> members = observed.lastStatus().getMembers();
    if (members == null) {
      return Optional.empty();
    }
    return members.stream()
        .filter(m -> podName.equals(m.getName()) && m.getCertificateNotAfter() != null)
        .findFirst()
        .flatMap(m -> {
          try {
            return Optional.of(Instant.parse(m.getCertificateNotAfter()));
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        });
  }
}
