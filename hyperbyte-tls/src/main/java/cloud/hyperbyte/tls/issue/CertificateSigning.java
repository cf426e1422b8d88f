package cloud.hyperbyte.tls.issue;

import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** What CA and node certificates have in common: serials, clock-skew allowance and signing. */
final class CertificateSigning {

  /** notBefore lies this far in the past so members whose clocks lag a little accept it. */
  static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

  private CertificateSigning() {}

  /** A positive random serial of 159 bits (RFC 5280 allows at most 20 octets). */
  static BigInteger serial(SecureRandom random) {
    return new BigInteger(159, random).setBit(158);
  }

  static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey signingKey, SecureRandom random) {
    try {
      var signer =
          new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(signingKey))
              .setSecureRandom(random)
              .build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("signing a certificate failed", e);
    }
  }

  static void requirePositive(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
  }
}
