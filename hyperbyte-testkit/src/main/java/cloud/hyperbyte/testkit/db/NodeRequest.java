package cloud.hyperbyte.testkit.db;

/**
 * One HTTP request to a simulated member, as the routes need it.
 *
 * @param method the HTTP method
 * @param path the request path without query
 * @param authorization the {@code Authorization} header, {@code null} when absent
 * @param body the request body
 * @param query the raw query string, {@code null} when absent
 */
record NodeRequest(String method, String path, String authorization, byte[] body, String query) {

  NodeRequest(String method, String path, String authorization, byte[] body) {
    this(method, path, authorization, body, null);
  }

  boolean isGetOrHead() {
    return method.equals("GET") || method.equals("HEAD");
  }
}
