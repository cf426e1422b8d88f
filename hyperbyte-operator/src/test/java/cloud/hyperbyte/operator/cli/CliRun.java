package cloud.hyperbyte.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code hyperbyte} command line in this JVM, built as {@code main} builds it: its
 * exit code, stdout and stderr.
 */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    return of(HyperbyteCommand.commandLineToRun(ProcessEnvironment.system(), args), args);
  }

  /** A run of {@code cli}, whichever way it was built. */
  static CliRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
