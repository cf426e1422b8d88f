package cloud.hyperbyte.tls.inspect;

/** The outcome of a chain check: trusted, or why not. */
public record ChainVerification(boolean trusted, String problem) {

  static ChainVerification ok() {
    return new ChainVerification(true, "");
  }

  static ChainVerification failed(String problem) {
    return new ChainVerification(false, problem);
  }
}
