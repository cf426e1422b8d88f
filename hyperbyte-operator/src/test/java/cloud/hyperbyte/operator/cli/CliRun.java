package cloud.hyperbyte.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code hyperbyte} command line in this JVM: its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = HyperbyteCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
