package cloud.hyperbyte.tls.inspect;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a certificate says about itself, plus whether a key belongs to it and whether it chains to a
 * CA (each empty when the key or CA was not supplied).
 */
public record CertificateReport(
    String subject,
    String issuer,
    BigInteger serial,
    Instant notBefore,
    Instant notAfter,
    List<String> dnsNames,
    List<String> ipAddresses,
    Optional<Boolean> keyMatches,
    Optional<ChainVerification> chain) {

  public CertificateReport {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** The serial as lower-case hex, as openssl prints it. */
  public String serialHex() {
    return serial.toString(16);
  }
}
