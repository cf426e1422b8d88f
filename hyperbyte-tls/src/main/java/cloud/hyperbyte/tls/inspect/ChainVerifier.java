package cloud.hyperbyte.tls.inspect;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a certificate chains to trusted CAs with the JDK's PKIX {@link CertPathValidator}.
 * Revocation checking is off: the operator's CA publishes no CRLs and pods have no OCSP access.
 */
public final class ChainVerifier {

  private final Clock clock;

  public ChainVerifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Verifies at the clock's current instant. */
  public ChainVerification verify(List<X509Certificate> chain, Collection<X509Certificate> cas) {
    return verifyAt(chain, cas, clock.instant());
  }

  /**
   * Verifies {@code chain} (leaf first, then intermediates) against {@code cas} as trust anchors,
   * as of {@code when}. Chain members that are themselves trust anchors are dropped, since bundles
   * often end with the root.
   */
  public ChainVerification verifyAt(
      List<X509Certificate> chain, Collection<X509Certificate> cas, Instant when) {
    if (chain.isEmpty()) {
      return ChainVerification.failed("no certificate to verify");
    }
    if (cas.isEmpty()) {
      return ChainVerification.failed("no CA certificate to verify against");
    }
    List<X509Certificate> path = new ArrayList<>(chain.subList(0, 1));
    chain.stream().skip(1).filter(cert -> !cas.contains(cert)).forEach(path::add);
    Set<TrustAnchor> anchors =
        cas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
    try {
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(when));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return ChainVerification.ok();
    } catch (CertPathValidatorException e) {
      return ChainVerification.failed(e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK PKIX validation is unavailable", e);
    }
  }
}
