package cloud.hyperbyte.tls.pem;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM, as found in Secrets written by the operator, by
 * cert-manager or by hand. Private keys may be PKCS#8 ({@code PRIVATE KEY}), SEC1 ({@code EC
 * PRIVATE KEY}, optionally preceded by {@code EC PARAMETERS}) or PKCS#1 ({@code RSA PRIVATE KEY});
 * encrypted keys are rejected because the server cannot decrypt them either.
 */
public final class PemReader {

  private PemReader() {}

  /** All certificates in the input, in order (leaf first for a chain); at least one. */
  public static List<X509Certificate> readCertificates(byte[] pem) throws PemException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object object : objects(pem)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new PemException("expected only CERTIFICATE blocks but found " + describe(object));
      }
      try {
        certificates.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new PemException("certificate cannot be decoded: " + e.getMessage(), e);
      }
    }
    if (certificates.isEmpty()) {
      throw new PemException("no PEM CERTIFICATE block found");
    }
    return List.copyOf(certificates);
  }

  /** The first certificate in the input (the leaf of a chain). */
  public static X509Certificate readCertificate(byte[] pem) throws PemException {
    return readCertificates(pem).get(0);
  }

  /** The single private key in the input, in any of the supported unencrypted encodings. */
  public static PrivateKey readPrivateKey(byte[] pem) throws PemException {
    PrivateKeyInfo keyInfo = null;
    for (Object object : objects(pem)) {
      PrivateKeyInfo found = privateKeyInfo(object);
      if (found == null) {
        continue; // e.g. the EC PARAMETERS block openssl writes before a SEC1 key
      }
      if (keyInfo != null) {
        throw new PemException("more than one private key found");
      }
      keyInfo = found;
    }
    if (keyInfo == null) {
      throw new PemException("no PEM private key block found");
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(keyInfo);
    } catch (IOException | RuntimeException e) {
      throw new PemException("private key cannot be decoded: " + e.getMessage(), e);
    }
  }

  private static PrivateKeyInfo privateKeyInfo(Object object) throws PemException {
    if (object instanceof PrivateKeyInfo info) {
      return info;
    }
    if (object instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new PemException("private key is encrypted; the server needs an unencrypted key");
    }
    return null;
  }

  private static List<Object> objects(byte[] pem) throws PemException {
    if (pem == null || pem.length == 0) {
      throw new PemException("input is empty");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("not valid PEM: " + e.getMessage(), e);
    }
    return objects;
  }

  private static String describe(Object object) {
    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
      return "a private key";
    }
    return object.getClass().getSimpleName();
  }
}
