package cloud.hyperbyte.reconcile.tls;

import cloud.hyperbyte.reconcile.snapshot.SecretData;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.topology.MemberTopology;
import cloud.hyperbyte.tls.renewal.MaterialHash;
import cloud.hyperbyte.tls.renewal.RenewalAdvisor;
import cloud.hyperbyte.tls.renewal.RenewalPolicy;
import cloud.hyperbyte.tls.usersecret.Finding;
import cloud.hyperbyte.tls.usersecret.UserSecretValidator;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides a cluster's TLS material for one reconcile pass. Runs while the cluster is paused too, so
 * a long pause cannot let certificates expire (product §3.7).
 */
public final class TlsMaterialDecision {

  private final OperatorCaIssuer operatorCa;
  private final UserSecretValidator userSecrets;

  /**
   * @param clock the time certificates are checked and issued at
   * @param random source of keys and serial numbers
   * @param policy when a certificate is renewed
   */
  public TlsMaterialDecision(Clock clock, SecureRandom random, RenewalPolicy policy) {
    this.operatorCa = new OperatorCaIssuer(clock, random, new RenewalAdvisor(clock, policy));
    this.userSecrets = new UserSecretValidator(clock);
  }

  /**
   * @param caSecret the observed {@code <name>-ca} Secret (operator CA mode)
   * @param tlsSecret the observed Secret members mount: {@code <name>-tls}, or the user's Secret
   */
  public TlsMaterial decide(ClusterSpec spec, Optional<Secret> caSecret, Optional<Secret> tlsSecret) {
    TlsMode mode = spec.server().tls().mode();
    return switch (mode) {
      case DISABLED -> TlsMaterial.disabled();
      case OPERATOR_CA -> operatorCa.decide(spec, caSecret, tlsSecret);
      case CERT_MANAGER -> certManager(spec, tlsSecret);
      case USER_SECRET -> userSecret(spec, tlsSecret);
    };
  }

  /**
   * Names a user certificate must cover: every member's pod FQDN and the client Service's
   * {@code <name>.<ns>.svc} and FQDN forms. The short forms are not required: clients in other
   * namespaces cannot use them, and many corporate CAs refuse single-label names.
   */
  public static List<String> namesUserCertificatesMustCover(ClusterSpec spec) {
    ClusterNames names = ClusterNames.of(spec);
    List<String> needed = new ArrayList<>(MemberTopology.of(spec).podFqdns());
    needed.add(names.clientService() + "." + spec.namespace() + ".svc");
    needed.add(names.clientService() + "." + spec.namespace() + ".svc." + spec.clusterDomain());
    return List.copyOf(needed);
  }

  private TlsMaterial certManager(ClusterSpec spec, Optional<Secret> tlsSecret) {
    String secretName = ClusterNames.of(spec).tlsSecret();
    Map<String, byte[]> data = SecretData.of(tlsSecret);
    if (!data.containsKey(UserSecretValidator.TLS_CERT) || !data.containsKey(UserSecretValidator.TLS_KEY)) {
      return new TlsMaterial(List.of(), Optional.empty(), TlsState.WAITING, "WaitingForCertManager",
          "waiting for cert-manager to issue Certificate " + ClusterNames.of(spec).certificate() + " into Secret "
              + secretName + "; check `kubectl describe certificate " + ClusterNames.of(spec).certificate()
              + "` and the issuer " + spec.server().tls().issuer().map(i -> i.kind() + "/" + i.name()).orElse("(none)"),
          Optional.empty());
    }
    return new TlsMaterial(List.of(), Optional.of(MaterialHash.of(data)), TlsState.READY, "CertificateIssued",
        "cert-manager issued Secret " + secretName, Optional.empty());
  }

  private TlsMaterial userSecret(ClusterSpec spec, Optional<Secret> tlsSecret) {
    String secretName = spec.server().tls().userSecretName().orElseThrow();
    if (tlsSecret.isEmpty()) {
      return new TlsMaterial(List.of(), Optional.empty(), TlsState.WAITING, "TlsSecretMissing",
          "Secret " + secretName + " named in spec.server.tls.secretName does not exist in namespace "
              + spec.namespace() + "; create it with kubectl create secret tls " + secretName + " --cert=... --key=...",
          Optional.empty());
    }
    Map<String, byte[]> data = SecretData.of(tlsSecret);
    List<Finding> findings = userSecrets.validate(secretName, tlsSecret.get().getType(), data, namesUserCertificatesMustCover(spec));
    List<Finding> errors = findings.stream().filter(Finding::blocking).toList();
    String message = findings.stream().map(Finding::message).collect(Collectors.joining("; "));
    if (!errors.isEmpty()) {
      return new TlsMaterial(List.of(), Optional.empty(), TlsState.INVALID, "TlsSecretInvalid", message, Optional.empty());
    }
    return new TlsMaterial(List.of(), Optional.of(MaterialHash.of(data)), TlsState.READY,
        findings.isEmpty() ? "TlsSecretValid" : "TlsSecretExpiresSoon",
        findings.isEmpty() ? "Secret " + secretName + " is valid" : message, Optional.empty());
  }
}
