package cloud.hyperbyte.model.manifest;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML text to plain trees, one per document, as kubectl reads it: anchors, aliases and merge keys
 * ({@code <<}) resolved, {@code yes/no/on/off} read as booleans, duplicate keys refused, and nesting bounded before the (recursive) tree is
 * built so that deep input is an error with a line, not a stack overflow.
 */
final class YamlDocuments {

  /** Alias uses per document; enough for hand-written manifests, too few for an alias bomb. */
  private static final int MAX_ALIASES = 100;

  /** go-yaml v2's booleans, which kubectl reads: YAML 1.1's {@code yes/no/on/off/y/n} as well as true/false. */
  private static final Pattern YAML11_BOOL = Pattern.compile(
      "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
  private static final Set<String> YAML11_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");

  private static final LoadSettings SETTINGS = LoadSettings.builder()
      .setSchema(new KubectlSchema())
      .setTagConstructors(Map.of(
          Tag.BOOL, node -> node instanceof ScalarNode scalar ? YAML11_TRUE.contains(scalar.getValue()) : node,
          // a plain << that is a value, not a key, is just text
          Tag.MERGE, node -> node instanceof ScalarNode scalar ? scalar.getValue() : node))
      .setAllowDuplicateKeys(false)
      .setAllowNonScalarKeys(false)
      .setMaxAliasesForCollections(MAX_ALIASES)
      .setCodePointLimit(ManifestText.MAX_BYTES + 1)
      // one buffer for the whole input: scanning a long scalar in small buffers is quadratic
      .setBufferSize(ManifestText.MAX_BYTES + 1)
      .build();

  private YamlDocuments() {}

  /** Every document of {@code text}; an empty document is {@code null}. */
  static Validated<List<Object>> parse(String text) {
    try {
      Optional<Problem> tooDeep = checkDepth(text);
      if (tooDeep.isPresent()) {
        return Validated.failed(List.of(tooDeep.get()));
      }
      List<Object> documents = new ArrayList<>();
      new Load(SETTINGS).loadAllFromString(text).forEach(documents::add);
      return Validated.of(documents, List.of());
    } catch (MarkedYamlEngineException e) {
      return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH, describe(e))));
    } catch (YamlEngineException e) {
      return Validated.failed(List.of(Problem.error(ManifestText.INPUT_PATH, "is not valid YAML: " + firstLine(e.getMessage()))));
    }
  }

  private static Optional<Problem> checkDepth(String text) {
    int depth = 0;
    for (Event event : new Parse(SETTINGS).parseString(text)) {
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          depth++;
          if (depth > ManifestDocuments.MAX_DEPTH) {
            return Optional.of(Problem.error(ManifestText.INPUT_PATH, at(event.getStartMark())
                + "objects and lists nest more than " + ManifestDocuments.MAX_DEPTH + " levels deep"));
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        default -> {
          // scalars, aliases and document boundaries do not nest
        }
      }
    }
    return Optional.empty();
  }

  private static String describe(MarkedYamlEngineException e) {
    StringBuilder message = new StringBuilder(at(e.getProblemMark())).append("is not valid YAML: ");
    message.append(firstLine(e.getProblem()));
    if (e.getContext() != null && !e.getContext().isBlank()) {
      message.append(" (").append(firstLine(e.getContext()));
      e.getContextMark().ifPresent(m -> message.append(" at line ").append(m.getLine() + 1)
          .append(", column ").append(m.getColumn() + 1));
      message.append(')');
    }
    return message.toString();
  }

  private static String at(Optional<Mark> mark) {
    return mark.map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ").orElse("");
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.strip().lines().findFirst().orElse("");
  }

  /**
   * YAML 1.2 core schema plus what kubectl's YAML 1.1 reader (go-yaml v2) resolves too: the merge
   * key {@code <<} and the booleans {@code yes/no/on/off/y/n}.
   */
  private static final class KubectlSchema extends CoreSchema {
    private final ScalarResolver resolver = new CoreScalarResolver(true) {
      @Override
      protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, YAML11_BOOL, "yYnNtTfFoO");
        super.addImplicitResolvers();
      }
    };

    @Override
    public ScalarResolver getScalarResolver() {
      return resolver;
    }
  }
}
