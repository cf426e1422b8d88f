package cloud.hyperbyte.reconcile.tls;

import cloud.hyperbyte.reconcile.snapshot.SecretData;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.topology.MemberTopology;
import cloud.hyperbyte.tls.CaSecretKeys;
import cloud.hyperbyte.tls.NodeCertificateKeys;
import cloud.hyperbyte.tls.NodeDnsNames;
import cloud.hyperbyte.tls.NodeTlsSecretData;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemWriter;
import cloud.hyperbyte.tls.renewal.MaterialHash;
import cloud.hyperbyte.tls.renewal.RenewalAdvisor;
import cloud.hyperbyte.tls.renewal.RenewalDecision;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator-CA mode: keeps a CA in {@code <name>-ca} and one certificate per member in
 * {@code <name>-tls}. Material that is valid, matches its key, carries exactly the member's names and
 * chains to the current CA is kept byte for byte, so a steady cluster writes nothing and rolls
 * nothing; anything else is issued anew, and the changed hash rolls the members.
 */
final class OperatorCaIssuer {

  /** The Secret type for operator-held CA and member material. */
  static final String SECRET_TYPE = TlsMaterial.OPERATOR_SECRET_TYPE;

  private final Clock clock;
  private final SecureRandom random;
  private final RenewalAdvisor advisor;

  OperatorCaIssuer(Clock clock, SecureRandom random, RenewalAdvisor advisor) {
    this.clock = clock;
    this.random = random;
    this.advisor = advisor;
  }

  TlsMaterial decide(ClusterSpec spec, Optional<Secret> caSecret, Optional<Secret> nodeSecret) {
    ClusterNames names = ClusterNames.of(spec);
    List<Secret> writes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<Instant> renewals = new ArrayList<>();

    Map<String, byte[]> caData = SecretData.of(caSecret);
    RenewalDecision caDecision = advisor.forCa(caData.get(CaSecretKeys.CA_CERT), caData.get(CaSecretKeys.CA_KEY));
    CertificateAuthority ca;
    if (caDecision.renew()) {
      ca = new CertificateAuthorityFactory(clock, random).create(spec.name() + "." + spec.namespace() + " HyperbyteDB CA");
      caData = Map.of(CaSecretKeys.CA_CERT, PemWriter.certificate(ca.certificate()), CaSecretKeys.CA_KEY, ca.privateKeyPem());
      writes.add(secret(spec, names.caSecret(), caData));
      reasons.add("CA: " + caDecision.message());
    } else {
      ca = load(caData);
      caDecision.renewalStart().ifPresent(renewals::add);
    }

    Map<String, byte[]> current = SecretData.of(nodeSecret);
    byte[] caPem = caData.get(CaSecretKeys.CA_CERT);
    NodeTlsSecretData desired = NodeTlsSecretData.withCa(caPem);
    NodeCertificateIssuer issuer = new NodeCertificateIssuer(ca, clock, random);
    boolean proxy = spec.proxy().isPresent();
    for (int ordinal : MemberTopology.of(spec).ordinals()) {
      List<String> dnsNames = NodeDnsNames.forNode(spec.name(), spec.namespace(), spec.clusterDomain(), ordinal, proxy);
      byte[] cert = current.get(NodeCertificateKeys.certKey(ordinal));
      byte[] key = current.get(NodeCertificateKeys.keyKey(ordinal));
      RenewalDecision decision = advisor.forNode(cert, key, dnsNames, ca.certificate());
      if (decision.renew()) {
        desired.node(ordinal, issuer.issue(dnsNames));
        reasons.add(names.pod(ordinal) + ": " + decision.message());
      } else {
        desired.node(ordinal, cert, key);
        decision.renewalStart().ifPresent(renewals::add);
      }
    }
    Map<String, byte[]> nodeData = desired.build();
    String nodeHash = MaterialHash.of(nodeData);
    if (!nodeHash.equals(MaterialHash.of(current))) {
      writes.add(secret(spec, names.tlsSecret(), nodeData));
    }
    String message = reasons.isEmpty()
        ? "operator CA and member certificates are valid"
        : "issued: " + String.join("; ", reasons);
    return new TlsMaterial(
        writes,
        Optional.of(nodeHash),
        TlsState.READY,
        reasons.isEmpty() ? "CertificatesValid" : "CertificatesIssued",
        message,
        renewals.stream().min(Comparator.naturalOrder()));
  }

  private static CertificateAuthority load(Map<String, byte[]> caData) {
    try {
      return CertificateAuthority.fromPem(caData.get(CaSecretKeys.CA_CERT), caData.get(CaSecretKeys.CA_KEY));
    } catch (PemException e) {
      // the advisor accepted this material a moment ago, so it parses
      throw new IllegalStateException("CA material became unreadable", e);
    }
  }

  private static Secret secret(ClusterSpec spec, String name, Map<String, byte[]> data) {
    return new SecretBuilder()
        .withMetadata(ObjectMetadata.of(spec, name, ClusterLabels.common(spec)))
        .withType(SECRET_TYPE)
        .withData(SecretData.encode(data))
        .build();
  }
}
