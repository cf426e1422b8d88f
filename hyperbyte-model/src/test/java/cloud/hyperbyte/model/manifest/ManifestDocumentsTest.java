package cloud.hyperbyte.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestDocumentsTest {

  private static String onlyError(Validated<?> result) {
    assertThat(result.isValid()).isFalse();
    assertThat(result.errors()).hasSize(1);
    Problem error = result.errors().get(0);
    return error.path() + ": " + error.message();
  }

  @Test
  void yamlDocumentsAreReadInOrderAndEmptyOnesIgnored() {
    Validated<List<ManifestDocument>> result = ManifestDocuments.parse("---\nkind: A\n---\n---\nkind: B\n...\n");

    assertThat(result.orElseThrow()).extracting(ManifestDocument::kind, ManifestDocument::label)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "document 1"), org.assertj.core.groups.Tuple.tuple("B", "document 2"));
  }

  @Test
  void mergeKeysAndAliasesResolveAsInKubectl() {
    Map<String, Object> tree = ManifestDocuments.parse("base: &b {a: 1, b: 2}\nmerged:\n  <<: *b\n  b: 3\n")
        .orElseThrow().get(0).tree();

    assertThat(tree.get("merged")).isEqualTo(Map.of("a", 1, "b", 3));
  }

  @Test
  void yamlOneOneBooleansAreBooleansAsKubectlReadsThem() {
    Map<String, Object> tree = ManifestDocuments.parse("a: yes\nb: off\nc: 'yes'\nd: <<\ne: True\n").orElseThrow().get(0).tree();

    assertThat(tree).containsEntry("a", true).containsEntry("b", false).containsEntry("c", "yes")
        .containsEntry("d", "<<").containsEntry("e", true);
  }

  @Test
  void aV1ListIsExpandedIntoItsItems() {
    List<ManifestDocument> documents = ManifestDocuments.parse(
        "apiVersion: v1\nkind: List\nitems:\n- {kind: A}\n- {kind: B}\n").orElseThrow();

    assertThat(documents).extracting(ManifestDocument::label).containsExactly("document 1, items[0]", "document 1, items[1]");
  }

  @Test
  void jsonObjectsFollowingEachOtherAreDocumentsButAnythingElseIsRefused() {
    assertThat(ManifestDocuments.parse("{\"kind\": \"A\"}\n{\"kind\": \"B\"}").orElseThrow()).hasSize(2);
    assertThat(onlyError(ManifestDocuments.parse("{\"kind\": \"A\"} trailing")))
        .startsWith("(input): line 1, column 15: is not valid JSON: Unrecognized token 'trailing'");
    assertThat(onlyError(ManifestDocuments.parse("{\"kind\": \"A\", \"kind\": \"B\"}")))
        .isEqualTo("(input): line 1, column 21: is not valid JSON: Duplicate Object property \"kind\"");
  }

  @Test
  void duplicateYamlKeysAndSyntaxErrorsNameLineAndColumn() {
    assertThat(onlyError(ManifestDocuments.parse("a: 1\nb:\n  c: 1\n  c: 2\n")))
        .isEqualTo("(input): line 4, column 3: is not valid YAML: found duplicate key c"
            + " (while constructing a mapping at line 3, column 3)");
    assertThat(onlyError(ManifestDocuments.parse("a: b: c\n")))
        .isEqualTo("(input): line 1, column 5: is not valid YAML: mapping values are not allowed here");
  }

  @Test
  void nestingIsBoundedBeforeTheTreeIsBuilt() {
    String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000);

    assertThat(onlyError(ManifestDocuments.parse(deep)))
        .isEqualTo("(input): line 1, column 103: objects and lists nest more than 100 levels deep");
    assertThat(onlyError(ManifestDocuments.parse("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")))
        .contains("nest more than 100 levels deep");
  }

  @Test
  void anAliasBombIsRefusedBeforeItExpands() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
    for (int i = 1; i < 8; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
    }

    assertThat(onlyError(ManifestDocuments.parse(yaml.toString()))).contains("values once aliases are resolved");
  }

  @Test
  void numbersKeepTheirSizeSoRangesCanBeCheckedLater() {
    Map<String, Object> tree = ManifestDocuments.parse("a: 2147483648\nb: 123456789012345678901\nc: 0x10\n")
        .orElseThrow().get(0).tree();

    assertThat(tree).containsEntry("a", 2147483648L).containsEntry("b", new BigInteger("123456789012345678901"))
        .containsEntry("c", 16);
    assertThat(onlyError(ManifestDocuments.parse("a:\n  b: .inf\n"))).startsWith("a.b: is Infinity");
  }

  @Test
  void bytesAreRefusedUnlessTheyAreUtf8TextWithinTheLimit() {
    assertThat(onlyError(ManifestText.decode(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28})))
        .startsWith("(input): is not UTF-8 text");
    assertThat(onlyError(ManifestText.decode("a: b\u0000".getBytes(StandardCharsets.UTF_8))))
        .startsWith("(input): line 1, column 5: control character U+0000");
    assertThat(onlyError(ManifestText.decode(new byte[ManifestText.MAX_BYTES + 1])))
        .startsWith("(input): is 3145729 bytes; a manifest may have at most 3145728 bytes");
    assertThat(ManifestText.decode("\uFEFFa: b".getBytes(StandardCharsets.UTF_8)).orElseThrow()).isEqualTo("a: b");
  }

  @Test
  void documentsThatAreNotObjectsAreRefused() {
    assertThat(onlyError(ManifestDocuments.parse("- a\n"))).isEqualTo(
        "(input): document 1 is a list; a manifest holds Kubernetes objects (YAML or JSON objects)");
    assertThat(onlyError(ManifestDocuments.parse("# nothing\n"))).isEqualTo("(input): holds no object (the manifest is empty)");
  }
}
