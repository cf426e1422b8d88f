package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsE2eTest extends OperatorE2eTest {

  @Test
  void theOperatorIssuesACaAndNodeCertificatesMountsThemAndRollsMembersOnRenewal() throws Exception {
    ShiftableClock clock = new ShiftableClock(Clock.systemUTC());
    restartOperator(clock, FREQUENT_RESYNC);
    create(Manifests.cluster("secure", 1, """
        server:
          tls:
            enabled: true
        """));
    awaitRunning("secure", 1);

    Secret ca = user.secrets().inNamespace(NS).withName("secure-ca").get();
    Secret nodes = user.secrets().inNamespace(NS).withName("secure-tls").get();
    assertThat(ca).isNotNull();
    assertThat(nodes).isNotNull();
    assertThat(condition("secure", "TlsReady")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    StatefulSet sts = user.apps().statefulSets().inNamespace(NS).withName("secure").get();
    assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getSecret)
        .anySatisfy(secret -> assertThat(secret).isNotNull().extracting(s -> s.getSecretName()).isEqualTo("secure-tls"));
    int replacedBefore = history.replacements().size();

    clock.advance(Duration.ofDays(70)); // node certificates live 90 days and renew in their last third

    eventually().until(() -> !user.secrets().inNamespace(NS).withName("secure-tls").get().getData()
        .equals(nodes.getData()));
    eventually().until(() -> history.replacementsSince(replacedBefore).contains("secure-0"));
    awaitRunning("secure", 1);
    assertThat(user.secrets().inNamespace(NS).withName("secure-ca").get().getData()).isEqualTo(ca.getData());
  }
}
