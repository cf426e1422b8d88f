package cloud.hyperbyte.tls.pem;

/** PEM input that does not hold what it should; the message says what was found instead. */
public class PemException extends Exception {

  private static final long serialVersionUID = 1L;

  public PemException(String message) {
    super(message);
  }

  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
