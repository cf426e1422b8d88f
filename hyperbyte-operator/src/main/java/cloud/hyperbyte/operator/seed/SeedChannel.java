package cloud.hyperbyte.operator.seed;

import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the two ends of a seed connect: TLS 1.3 under the seed's own CA, or plain TCP for pods
 * rendered before seeds had TLS. The source presents the certificate from its Secret; the target
 * trusts that one CA and nothing else (not the JDK's default CAs). No host name is checked: the
 * source is reached at a pod IP nobody knew when its certificate was issued, and a CA made for one
 * seed whose key is gone signs nothing else (see {@code SeedTlsMaterial}).
 */
public final class SeedChannel {

  private static final String[] PROTOCOLS = {"TLSv1.3"};
  private static final char[] NO_PASSWORD = new char[0];

  /** The TLS files could not be read or do not make a usable key or trust store. */
  public static final class TlsFilesException extends StepFailedException {
    TlsFilesException(String message, Throwable cause) {
      super(message, false, cause);
    }
  }

  private final Optional<SSLContext> tls;
  private final String description;

  private SeedChannel(Optional<SSLContext> tls, String description) {
    this.tls = tls;
    this.description = description;
  }

  /** Plain TCP. */
  public static SeedChannel plain() {
    return new SeedChannel(Optional.empty(), "plain TCP");
  }

  /** The source's end: TLS with the certificate (chain) in {@code certificate} and the key in {@code key}. */
  public static SeedChannel server(Path certificate, Path key) throws TlsFilesException {
    List<X509Certificate> chain = certificates(certificate);
    PrivateKey privateKey;
    try {
      privateKey = PemReader.readPrivateKey(Files.readAllBytes(key));
    } catch (IOException | PemException e) {
      throw new TlsFilesException("cannot read the private key " + key + ": " + e.getMessage(), e);
    }
    try {
      KeyStore store = emptyStore();
      store.setKeyEntry("seed", privateKey, NO_PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), null, null);
      return new SeedChannel(Optional.of(context), "TLS");
    } catch (GeneralSecurityException e) {
      throw new TlsFilesException("the key " + key + " and certificate " + certificate + " do not make a TLS identity: "
          + e.getMessage(), e);
    }
  }

  /**
   * The target's end: TLS, trusting only the CA certificate(s) in {@code ca}, which the process
   * names {@code caName} (in messages).
   */
  public static SeedChannel client(Path ca, String caName) throws TlsFilesException {
    List<X509Certificate> anchors = certificates(ca);
    try {
      KeyStore store = emptyStore();
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("ca-" + i, anchors.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, trust.getTrustManagers(), null);
      return new SeedChannel(Optional.of(context), "TLS, trusting only the CA in " + caName);
    } catch (GeneralSecurityException e) {
      throw new TlsFilesException("the CA certificate " + ca + " makes no trust store: " + e.getMessage(), e);
    }
  }

  /** An unbound server socket of this channel. */
  ServerSocket serverSocket() throws IOException {
    if (tls.isEmpty()) {
      return new ServerSocket();
    }
    SSLServerSocket socket = (SSLServerSocket) tls.get().getServerSocketFactory().createServerSocket();
    socket.setEnabledProtocols(PROTOCOLS);
    return socket;
  }

  /**
   * The connection to {@code host:port} over {@code connected}, after the TLS handshake when this
   * channel has TLS.
   *
   * @throws UntrustedSourceException when the source's certificate is not signed by the trusted CA
   */
  Socket open(Socket connected, String host, int port) throws IOException {
    if (tls.isEmpty()) {
      return connected;
    }
    try {
      SSLSocket socket = (SSLSocket) tls.get().getSocketFactory().createSocket(connected, host, port, true);
      socket.setEnabledProtocols(PROTOCOLS);
      socket.startHandshake();
      return socket;
    } catch (IOException e) {
      connected.close();
      if (e instanceof SSLHandshakeException && causedByCertificate(e)) {
        throw new UntrustedSourceException("the source's certificate does not verify against the seed's CA ("
            + description + "): " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** What this channel is, for log lines. */
  public String description() {
    return description;
  }

  /** The source presented a certificate the trusted CA did not sign (or an expired one): no retry helps. */
  static final class UntrustedSourceException extends IOException {
    UntrustedSourceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static boolean causedByCertificate(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static List<X509Certificate> certificates(Path file) throws TlsFilesException {
    try {
      return PemReader.readCertificates(Files.readAllBytes(file));
    } catch (IOException | PemException e) {
      throw new TlsFilesException("cannot read the certificate " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    return store;
  }
}
