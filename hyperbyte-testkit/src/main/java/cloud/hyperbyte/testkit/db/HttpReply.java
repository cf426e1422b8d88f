package cloud.hyperbyte.testkit.db;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of a simulated member.
 *
 * @param status the status code
 * @param body the body, {@code null} for none
 * @param contentType the body's content type
 * @param headers extra headers
 */
record HttpReply(int status, String body, String contentType, Map<String, String> headers) {

  static HttpReply json(int status, String body) {
    return new HttpReply(status, body, "application/json", Map.of());
  }

  static HttpReply empty(int status) {
    return new HttpReply(status, null, null, Map.of());
  }

  static HttpReply text(int status, String body, String contentType) {
    return new HttpReply(status, body, contentType, Map.of());
  }

  HttpReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, body, contentType, more);
  }
}
