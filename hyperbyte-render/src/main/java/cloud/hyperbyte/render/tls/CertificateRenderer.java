package cloud.hyperbyte.render.tls;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.IssuerRef;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.UnmodelledObject;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cert-manager {@code Certificate} {@code <name>-tls} (cert-manager.io/v1) when TLS comes from
 * cert-manager. cert-manager writes Secret {@code <name>-tls} with {@code tls.crt}/{@code tls.key},
 * which the members mount. There is no typed model for it, so it is a generic resource.
 */
public final class CertificateRenderer {

  public static final String API_VERSION = "cert-manager.io/v1";
  public static final String KIND = "Certificate";
  /** 90 days, renewed 30 days before expiry. */
  public static final String DURATION = "2160h";

  public static final String RENEW_BEFORE = "720h";

  private CertificateRenderer() {}

  /** The Certificate, or empty unless the TLS mode is cert-manager. */
  public static Optional<UnmodelledObject> render(ClusterSpec spec) {
    if (spec.server().tls().mode() != TlsMode.CERT_MANAGER) {
      return Optional.empty();
    }
    IssuerRef issuer =
        spec.server().tls().issuer()
            .orElseThrow(() -> new IllegalArgumentException("TLS mode CERT_MANAGER without an issuer"));
    ClusterNames names = ClusterNames.of(spec);

    Map<String, Object> issuerRef = new LinkedHashMap<>();
    issuerRef.put("name", issuer.name());
    issuerRef.put("kind", issuer.kind());
    issuerRef.put("group", issuer.group());
    Map<String, Object> privateKey = new LinkedHashMap<>();
    privateKey.put("algorithm", "ECDSA");
    privateKey.put("size", 256);
    privateKey.put("encoding", "PKCS8");
    privateKey.put("rotationPolicy", "Always");
    Map<String, Object> certificate = new LinkedHashMap<>();
    certificate.put("secretName", names.tlsSecret());
    certificate.put("issuerRef", issuerRef);
    certificate.put("dnsNames", dnsNames(spec));
    certificate.put("duration", DURATION);
    certificate.put("renewBefore", RENEW_BEFORE);
    certificate.put("privateKey", privateKey);
    certificate.put("usages", List.of("digital signature", "server auth", "client auth"));
    // The issued Secret carries the cluster's labels, so the operator can watch it like its own.
    certificate.put("secretTemplate", Collections.singletonMap("labels", new LinkedHashMap<>(ClusterLabels.common(spec))));

    return Optional.of(
        new UnmodelledObject(API_VERSION, KIND, ObjectMetadata.database(spec, names.certificate()), certificate));
  }

  /**
   * Every member's pod FQDN, the client Service (and the proxy Service when there is one) in each
   * form a client may use, and {@code localhost} for in-pod probes and exec.
   */
  public static List<String> dnsNames(ClusterSpec spec) {
    ClusterNames names = ClusterNames.of(spec);
    List<String> dns = new ArrayList<>(MemberTopology.of(spec).podFqdns());
    dns.addAll(serviceForms(spec, names.clientService()));
    if (spec.proxy().isPresent()) {
      dns.addAll(serviceForms(spec, names.proxyService()));
    }
    dns.add("localhost");
    return dns;
  }

  private static List<String> serviceForms(ClusterSpec spec, String service) {
    String namespaced = service + "." + spec.namespace();
    return List.of(service, namespaced, namespaced + ".svc", namespaced + ".svc." + spec.clusterDomain());
  }
}
