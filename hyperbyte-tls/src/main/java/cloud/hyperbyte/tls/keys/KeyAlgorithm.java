package cloud.hyperbyte.tls.keys;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types the operator generates, all available on the JDK's default providers. */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256: small, fast and accepted by every TLS stack; the default. */
  EC_P256("EC", new ECGenParameterSpec("secp256r1")),
  RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
  RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
  RSA_4096("RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4));

  private final String jcaName;
  private final AlgorithmParameterSpec parameters;

  KeyAlgorithm(String jcaName, AlgorithmParameterSpec parameters) {
    this.jcaName = jcaName;
    this.parameters = parameters;
  }

  /** Generates a fresh key pair using the given randomness. */
  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
      generator.initialize(parameters, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot generate " + this + " keys", e);
    }
  }

  /** Whether keys of this type are RSA keys (which also get keyEncipherment usage). */
  public boolean isRsa() {
    return "RSA".equals(jcaName);
  }

  /**
   * The signature algorithm a key of this JCA type signs certificates with.
   *
   * @throws IllegalArgumentException for key types the operator does not sign with
   */
  public static String signatureAlgorithmFor(Key signingKey) {
    return switch (signingKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalArgumentException(
          "cannot sign certificates with a " + signingKey.getAlgorithm() + " key");
    };
  }
}
