package cloud.hyperbyte.render.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.SpecVariants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class PrettyJsonTest {

  /** The mapper the dashboard was written with before: PrettyJson must write its bytes. */
  private static final JsonMapper JACKSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .defaultPrettyPrinter(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")))
          .build();

  @Test
  void givenEveryDashboardExpectJacksonsBytes() {
    SpecVariants.all().values().forEach(spec -> assertThat(DashboardRenderer.json(spec))
        .isEqualTo(JACKSON.writeValueAsString(DashboardRenderer.model(spec)) + "\n"));
  }

  @Test
  void givenEmptiesEscapesAndNestingExpectJacksonsBytes() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("empty object", Map.of());
    value.put("empty list", List.of());
    value.put("quote \" backslash \\ slash / tab \t line \n cr \r bell \u0007 unit \u001f del \u007f",
        "é ☃ 😀 \b \f");
    value.put("numbers", List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE));
    value.put("booleans", List.of(true, false));
    value.put("null", null);
    value.put("nested", List.of(List.of(Map.of("a", List.of(List.of()))), Map.of("b", Map.of())));

    assertThat(PrettyJson.write(value)).isEqualTo(JACKSON.writeValueAsString(value));
  }

  @Test
  void givenRandomTreesExpectJacksonsBytes() {
    Random random = new Random(18);
    for (int i = 0; i < 200; i++) {
      Object value = randomValue(random, 0);
      assertThat(PrettyJson.write(value)).isEqualTo(JACKSON.writeValueAsString(value));
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = depth > 3 ? 3 + random.nextInt(4) : random.nextInt(7);
    switch (kind) {
      case 0, 1 -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          map.put(randomText(random), randomValue(random, depth + 1));
        }
        return map;
      }
      case 2 -> {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      }
      case 3 -> {
        return randomText(random);
      }
      case 4 -> {
        return random.nextInt();
      }
      case 5 -> {
        return random.nextBoolean();
      }
      default -> {
        return random.nextLong();
      }
    }
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(8); n > 0; n--) {
      text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x3000)));
    }
    return text.toString();
  }
}
