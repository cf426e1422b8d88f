package cloud.hyperbyte.tls.keys;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Decides whether a private key belongs to a public key (typically a certificate's) by deriving the
 * public key from the private one and comparing them; no signing, so no randomness is needed.
 */
public final class KeyMatcher {

  private KeyMatcher() {}

  /**
   * Whether {@code privateKey} is the private half of {@code publicKey}. Supports RSA (CRT keys, as
   * every PEM key is), EC and Ed25519; any other or mixed combination does not match.
   */
  public static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
    AsymmetricKeyParameter pub;
    AsymmetricKeyParameter priv;
    try {
      pub = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()));
      priv = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(privateKey.getEncoded()));
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (priv instanceof RSAPrivateCrtKeyParameters rsa && pub instanceof RSAKeyParameters rsaPub) {
      return rsa.getModulus().equals(rsaPub.getModulus())
          && rsa.getPublicExponent().equals(rsaPub.getExponent());
    }
    if (priv instanceof ECPrivateKeyParameters ec && pub instanceof ECPublicKeyParameters ecPub) {
      if (!ec.getParameters().getCurve().equals(ecPub.getParameters().getCurve())) {
        return false;
      }
      ECPoint derived =
          new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD());
      return derived.equals(ecPub.getQ());
    }
    if (priv instanceof Ed25519PrivateKeyParameters ed
        && pub instanceof Ed25519PublicKeyParameters edPub) {
      return Arrays.equals(ed.generatePublicKey().getEncoded(), edPub.getEncoded());
    }
    return false;
  }
}
