package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HyperbyteCommandTest {

  private static final ProcessEnvironment ENVIRONMENT = new ProcessEnvironment(Map.of(), Path::of);

  static List<List<String>> argumentLists() {
    List<String> subcommands = List.copyOf(HyperbyteCommand.commandLine(ENVIRONMENT).getSubcommands().keySet());
    List<List<String>> lists = new ArrayList<>(List.of(
        List.of(), List.of("--version"), List.of("-V"), List.of("--version", "render"), List.of("-V", "nope"),
        List.of("--help"), List.of("-h", "render"), List.of("rendr"),
        List.of("help"), List.of("help", "render"), List.of("help", "nope"), List.of("render"),
        List.of("render", "--example", "single-node", "-n", "other"), List.of("render", "--example", "nope"),
        List.of("render", "-f"), List.of("render", "extra"), List.of("status"), List.of("RENDER"),
        List.of("run", "--leader-elect", "maybe")));
    for (String subcommand : subcommands) {
      lists.add(List.of(subcommand, "--help"));
      lists.add(List.of(subcommand, "--no-such-option"));
      lists.add(List.of(subcommand, "-V"));
    }
    return lists;
  }

  @ParameterizedTest
  @MethodSource("argumentLists")
  void givenArgsExpectTheCommandLineMainBuildsToBehaveAsTheWholeOne(List<String> args) {
    String[] array = args.toArray(String[]::new);

    CliRun whole = CliRun.of(HyperbyteCommand.commandLine(ENVIRONMENT), array);
    CliRun toRun = CliRun.of(HyperbyteCommand.commandLineToRun(ENVIRONMENT, array), array);

    assertThat(toRun).isEqualTo(whole);
  }

  @Test
  void givenAVersionRequestAloneExpectACommandLineWithoutSubcommands() {
    assertThat(HyperbyteCommand.commandLineToRun(ENVIRONMENT, new String[] {"--version"}).getSubcommands()).isEmpty();
    assertThat(HyperbyteCommand.commandLineToRun(ENVIRONMENT, new String[] {"-V"}).getSubcommands()).isEmpty();
  }

  @Test
  void givenEachSubcommandsNameExpectACommandLineWithThatSubcommandOnly() {
    Map<String, CommandLine> all = HyperbyteCommand.commandLine(ENVIRONMENT).getSubcommands();

    all.forEach((name, whole) -> {
      Map<String, CommandLine> built =
          HyperbyteCommand.commandLineToRun(ENVIRONMENT, new String[] {name}).getSubcommands();
      if (name.equals("help")) {
        assertThat(built.keySet()).as(name).isEqualTo(all.keySet());
      } else {
        assertThat(built.keySet()).as(name).isEqualTo(Set.of(name));
        assertThat(built.get(name).getCommandSpec().userObject().getClass())
            .isEqualTo(whole.getCommandSpec().userObject().getClass());
      }
    });
  }
}
