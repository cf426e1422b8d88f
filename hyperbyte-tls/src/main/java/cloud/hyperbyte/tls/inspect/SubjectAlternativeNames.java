package cloud.hyperbyte.tls.inspect;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The DNS and IP subject alternative names of a certificate, in certificate order. */
public record SubjectAlternativeNames(List<String> dnsNames, List<String> ipAddresses) {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  public SubjectAlternativeNames {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** Reads the SAN extension; a certificate without one has no names. */
  public static SubjectAlternativeNames of(X509Certificate certificate) {
    Collection<List<?>> entries;
    try {
      entries = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("malformed subjectAltName extension", e);
    }
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    if (entries != null) {
      for (List<?> entry : entries) {
        int type = (Integer) entry.get(0);
        if (type == DNS_NAME) {
          dns.add((String) entry.get(1));
        } else if (type == IP_ADDRESS) {
          ips.add((String) entry.get(1));
        }
      }
    }
    return new SubjectAlternativeNames(dns, ips);
  }
}
