import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The least a render can do on a JVM, for bench/startup-floor.sh: read the manifest, and write the
 * objects a render of it writes (read here from the render's own output), with the YAML library
 * the render uses, and nothing else: no schema check, no binding, no rendering. Without arguments it
 * prints one line, which is what a JVM costs. With {@code --version} first it runs the command
 * line's {@code --version} before that (the same picocli entry point), so that it costs what
 * {@code --version} and the YAML together cost in one JVM.
 */
public final class YamlFloor {

  private YamlFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.out.println("yaml-floor");
      return;
    }
    if (args[0].equals("--version")) {
      HyperbyteCommand.commandLineToRun(ProcessEnvironment.system(), new String[] {"--version"}).execute("--version");
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    Load load = new Load(LoadSettings.builder().build());
    Object manifest;
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
      manifest = load.loadFromReader(reader);
    }
    if (manifest == null) {
      throw new IllegalArgumentException(args[0] + " holds no document");
    }
    List<Object> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(Path.of(args[1]))) {
      load.loadAllFromReader(reader).forEach(objects::add);
    }
    Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
    System.out.print(dump.dumpAllToString(objects.iterator()));
  }
}
