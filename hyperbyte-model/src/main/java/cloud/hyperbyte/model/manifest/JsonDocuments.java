package cloud.hyperbyte.model.manifest;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text to plain trees: one or more objects one after the other (as kubectl's JSON stream
 * decoder reads them), duplicate keys and anything else after an object refused, nesting bounded.
 */
final class JsonDocuments {

  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ManifestDocuments.MAX_DEPTH).build())
          .build())
      // the loop below reads object after object and refuses anything else itself
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonDocuments() {}

  /** Every object in {@code text}, in order. */
  static Validated<List<Object>> parse(String text) {
    List<Object> documents = new ArrayList<>();
    JsonParser parser = MAPPER.createParser(text);
    try {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token != JsonToken.START_OBJECT) {
          return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH,
              at(parser.currentTokenLocation()) + "is not valid JSON: expected '{' to start an object")));
        }
        documents.add(MAPPER.readValue(parser, Object.class));
      }
      return Validated.of(documents, List.of());
    } catch (StreamConstraintsException e) {
      String what = e.getOriginalMessage().contains("nesting")
          ? "objects and lists nest more than " + ManifestDocuments.MAX_DEPTH + " levels deep"
          : "a number or string is longer than the JSON reader allows";
      return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH, at(parser.currentLocation()) + what)));
    } catch (JacksonException e) {
      return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH,
          at(e.getLocation()) + "is not valid JSON: " + plain(e.getOriginalMessage()))));
    } finally {
      parser.close();
    }
  }

  private static String at(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  /** Jackson's message without its hints about Java types and features, which mean nothing to a user. */
  private static String plain(String message) {
    String first = message == null ? "" : message.strip().lines().findFirst().orElse("");
    int hint = first.indexOf(" (for ");
    first = hint > 0 ? first.substring(0, hint) : first;
    hint = first.indexOf("; ");
    return hint > 0 ? first.substring(0, hint) : first;
  }
}
