package cloud.hyperbyte.render.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.junit.jupiter.api.Test;

class TomlDocumentTest {

  @Test
  void givenTablesAndValuesExpectInsertionOrderAndExactText() {
    TomlDocument toml = new TomlDocument();
    toml.table("b").put("s", "x").put("n", 3).put("t", true);
    toml.table("a.c").put("k", 1);

    assertThat(toml.write()).isEqualTo("[b]\ns = \"x\"\nn = 3\nt = true\n\n[a.c]\nk = 1\n");
  }

  @Test
  void givenSpecialCharactersExpectEscapesThatParseBack() throws Exception {
    String nasty = "quote\" back\\ tab\t nl\n bell\u0007 é";
    TomlDocument toml = new TomlDocument();
    toml.table("t").put("v", nasty);

    JsonNode parsed = new TomlMapper().readTree(toml.write());

    assertThat(parsed.at("/t/v").asText()).isEqualTo(nasty);
  }

  @Test
  void givenDuplicateOrInvalidKeysExpectRejection() {
    TomlDocument.Table table = new TomlDocument().table("t").put("k", 1);

    assertThatThrownBy(() -> table.put("k", 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.put("a b", 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
