package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.reconcile.pod.StepExit;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every step of a pod the operator creates shares on the command line ({@code backup-upload},
 * {@code restore-fetch}, {@code seed-serve}, {@code seed-fetch}), so each subcommand holds only its
 * options and its work: the help option, the container's environment, and how the step ends. The
 * outcome goes to stdout; a failure's reason, prefixed with the step's name, goes to stderr and to
 * the termination message (the pod's status then says why), with exit code {@link
 * StepExit#TRANSIENT} when another attempt may work, else {@link StepExit#FAILED}. A usage error
 * exits {@link StepExit#USAGE} with its message as termination message ({@link HyperbyteCommand}).
 */
abstract class PodStepCommand implements Callable<Integer> {

  /** The last footer line of every step's help. */
  static final String FAILURE_FOOTER =
      "The reason of a failure goes to stderr and to " + ProcessEnvironment.TERMINATION_LOG + ".";

  @CommandLine.ParentCommand HyperbyteCommand root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /**
   * How a step that ran to its end reports.
   *
   * @param exitCode the process's exit code
   * @param report the text for stdout
   * @param asTerminationMessage whether {@code report} is the termination message too
   */
  record Outcome(int exitCode, String report, boolean asTerminationMessage) {

    /** Done; {@code line} says what was done. */
    static Outcome done(String line) {
      return new Outcome(0, line, false);
    }

    /** A machine-read report (JSON) the operator takes from the termination message, whatever the exit code. */
    static Outcome reported(int exitCode, String report) {
      return new Outcome(exitCode, report, true);
    }
  }

  /** The step's work, in the container's environment. */
  abstract Outcome run(ProcessEnvironment environment) throws StepFailedException;

  @Override
  public final Integer call() {
    ProcessEnvironment environment = root.environment();
    try {
      Outcome outcome = run(environment);
      println(spec.commandLine().getOut(), outcome.report());
      if (outcome.asTerminationMessage()) {
        HyperbyteCommand.writeTerminationMessage(environment, outcome.report());
      }
      return outcome.exitCode();
    } catch (StepFailedException e) {
      String message = spec.name() + ": " + e.getMessage();
      println(spec.commandLine().getErr(), message);
      HyperbyteCommand.writeTerminationMessage(environment, message);
      return e.transientFailure() ? StepExit.TRANSIENT : StepExit.FAILED;
    }
  }

  /** A usage error to throw: exit {@link StepExit#USAGE}, {@code message} as termination message. */
  final CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** A progress line on stdout, flushed at once: the pod's log follows the step as it goes. */
  final void log(String line) {
    println(spec.commandLine().getOut(), line);
  }

  private static void println(PrintWriter writer, String line) {
    writer.println(line);
    writer.flush();
  }
}
