package cloud.hyperbyte.tls.pem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** Writes certificates and PKCS#8 private keys as PEM, the encodings every consumer accepts. */
public final class PemWriter {

  private PemWriter() {}

  /** One {@code CERTIFICATE} block. */
  public static byte[] certificate(X509Certificate certificate) {
    return certificates(List.of(certificate));
  }

  /** Consecutive {@code CERTIFICATE} blocks in the given order. */
  public static byte[] certificates(List<X509Certificate> certificates) {
    return write(certificates.toArray());
  }

  /**
   * A PKCS#8 {@code PRIVATE KEY} block. Written through {@link JcaPKCS8Generator} because
   * JcaPEMWriter writes JDK EC keys as SEC1 without curve parameters, which cannot be read back.
   */
  public static byte[] privateKey(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null).generate());
    } catch (PemGenerationException e) {
      throw new IllegalArgumentException("cannot encode private key as PKCS#8", e);
    }
  }

  private static byte[] write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory failed", e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
