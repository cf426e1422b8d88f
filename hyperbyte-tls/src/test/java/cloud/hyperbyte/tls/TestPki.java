package cloud.hyperbyte.tls;

import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Shared test material issued at {@link #T0}. Key generation dominates test time, so the CAs are
 * generated once per JVM; tests must not depend on the key bytes, only on decoded fields.
 */
public final class TestPki {

  /** The instant all shared material is issued at. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  public static final SecureRandom RANDOM = new SecureRandom();

  private static CertificateAuthority ecCa;
  private static CertificateAuthority rsaCa;
  private static CertificateAuthority otherEcCa;

  private TestPki() {}

  public static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  public static Clock clockAt(Duration afterT0) {
    return clockAt(T0.plus(afterT0));
  }

  /** An ECDSA P-256 CA issued at T0 with default validity. */
  public static synchronized CertificateAuthority ecCa() {
    if (ecCa == null) {
      ecCa = new CertificateAuthorityFactory(clockAt(T0), RANDOM).create("hb-ca");
    }
    return ecCa;
  }

  /** A second, unrelated EC CA with the same subject as {@link #ecCa()}. */
  public static synchronized CertificateAuthority otherEcCa() {
    if (otherEcCa == null) {
      otherEcCa = new CertificateAuthorityFactory(clockAt(T0), RANDOM).create("hb-ca");
    }
    return otherEcCa;
  }

  /** An RSA 2048 CA issued at T0 with default validity. */
  public static synchronized CertificateAuthority rsaCa() {
    if (rsaCa == null) {
      rsaCa =
          new CertificateAuthorityFactory(clockAt(T0), RANDOM)
              .create("hb-rsa-ca", KeyAlgorithm.RSA_2048, CertificateAuthorityFactory.DEFAULT_VALIDITY);
    }
    return rsaCa;
  }

  /** An EC node certificate from {@link #ecCa()} issued at T0 for 90 days. */
  public static NodeCertificate node(List<String> names) {
    return new NodeCertificateIssuer(ecCa(), clockAt(T0), RANDOM).issue(names);
  }

  /** A PEM block with the given label around DER bytes. */
  public static byte[] pem(String label, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(label, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] concat(byte[]... parts) {
    StringBuilder joined = new StringBuilder();
    for (byte[] part : parts) {
      joined.append(new String(part, StandardCharsets.US_ASCII));
    }
    return joined.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
