package cloud.hyperbyte.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.TestPki;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class KeyMatcherTest {

  private static final KeyPair EC = KeyAlgorithm.EC_P256.generate(TestPki.RANDOM);
  private static final KeyPair OTHER_EC = KeyAlgorithm.EC_P256.generate(TestPki.RANDOM);

  @Test
  void givenEcKeyPair_expectMatchOnlyWithItsOwnPublicKey() {
    assertThat(KeyMatcher.matches(EC.getPublic(), EC.getPrivate())).isTrue();
    assertThat(KeyMatcher.matches(OTHER_EC.getPublic(), EC.getPrivate())).isFalse();
  }

  @Test
  void givenRsaKeyPair_expectMatchOnlyWithItsOwnPublicKey() {
    var rsa = TestPki.rsaCa();
    assertThat(KeyMatcher.matches(rsa.certificate().getPublicKey(), rsa.privateKey())).isTrue();
    assertThat(KeyMatcher.matches(rsa.certificate().getPublicKey(), EC.getPrivate())).isFalse();
    assertThat(KeyMatcher.matches(EC.getPublic(), rsa.privateKey())).isFalse();
  }
}
