package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.inspect.ChainVerifier;
import cloud.hyperbyte.tls.inspect.SubjectAlternativeNames;
import cloud.hyperbyte.tls.keys.KeyMatcher;
import cloud.hyperbyte.tls.pem.PemReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS files the operator issues for one seed. */
class SeedTlsMaterialTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void theSourcesCertificateIsSignedByTheSeedsCaNamesTheSeedAndMatchesItsKey() throws Exception {
    SeedTlsMaterial tls = SeedTlsMaterial.issue("db-seed-3", CLOCK, new SecureRandom());

    X509Certificate ca = certificate(tls.caCertificatePem());
    X509Certificate source = certificate(tls.certificatePem());
    assertThat(new ChainVerifier(CLOCK).verify(List.of(source), List.of(ca)).trusted()).isTrue();
    assertThat(SubjectAlternativeNames.of(source).dnsNames()).containsExactly("db-seed-3");
    assertThat(KeyMatcher.matches(source.getPublicKey(),
        PemReader.readPrivateKey(tls.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))).isTrue();
    assertThat(source.getNotAfter().toInstant()).isEqualTo(NOW.plus(SeedTlsMaterial.VALIDITY));
  }

  @Test
  void eachSeedHasItsOwnCaSoNoOtherSeedsCertificateIsTrusted() throws Exception {
    SeedTlsMaterial first = SeedTlsMaterial.issue("db-seed-3", CLOCK, new SecureRandom());
    SeedTlsMaterial second = SeedTlsMaterial.issue("db-seed-3", CLOCK, new SecureRandom());

    assertThat(new ChainVerifier(CLOCK).verify(List.of(certificate(second.certificatePem())),
        List.of(certificate(first.caCertificatePem()))).trusted()).isFalse();
  }

  @Test
  void itsTextNeverShowsTheKey() {
    SeedTlsMaterial tls = SeedTlsMaterial.issue("db-seed-3", CLOCK, new SecureRandom());

    assertThat(tls.toString()).doesNotContain("PRIVATE KEY");
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return PemReader.readCertificate(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
