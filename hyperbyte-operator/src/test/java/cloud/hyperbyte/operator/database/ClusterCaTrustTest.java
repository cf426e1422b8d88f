package cloud.hyperbyte.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Members with TLS on are called over HTTPS, trusting exactly the cluster's CA. */
class ClusterCaTrustTest {

  private static final MemberAddress MEMBER =
      new MemberAddress(0, 1, "db-0", "db-0.db-headless.prod.svc.cluster.local", 8086);

  private CertificateAuthority ca;
  private HttpsServer server;

  @BeforeEach
  void startHttpsMember() throws Exception {
    SecureRandom random = new SecureRandom();
    ca = new CertificateAuthorityFactory(Clock.systemUTC(), random).create("test-ca");
    NodeCertificate node = new NodeCertificateIssuer(ca, Clock.systemUTC(), random).issue(List.of("localhost"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("node", node.privateKey(), new char[0], new Certificate[] {node.certificate(), ca.certificate()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.store(new java.io.ByteArrayOutputStream(), new char[0]);
    keyManagers.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/ping", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DatabaseClients clients() {
    PodAddressResolver resolver = (member, scheme) -> URI.create(scheme + "://localhost:" + server.getAddress().getPort());
    return new DatabaseClients(resolver, Duration.ofSeconds(5), Duration.ofSeconds(10), OperatorMetrics.standalone());
  }

  @Test
  void aMemberWithACertificateFromTheClusterCaIsTrusted() throws Exception {
    String caPem = new String(ca.certificatePem(), StandardCharsets.US_ASCII);
    try (DatabaseClients clients = clients()) {
      clients.forCluster(new DatabaseConnection(true, Optional.of(caPem), Optional.empty())).ping(MEMBER);
    }
  }

  @Test
  void withoutTheClusterCaTheHandshakeFailsAndTheMemberCountsAsUnreachable() {
    try (DatabaseClients clients = clients()) {
      DatabaseCallException failure = catchThrowableOfType(DatabaseCallException.class,
          () -> clients.forCluster(new DatabaseConnection(true, Optional.empty(), Optional.empty())).ping(MEMBER));
      assertThat(failure.kind()).isEqualTo(CallFailure.UNREACHABLE);
    }
  }
}
