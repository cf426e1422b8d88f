package cloud.hyperbyte.render.workload;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.TestSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the members' preStop hook under the real /bin/sh, with a stand-in {@code curl} that logs its
 * arguments and answers the node's state from a file the test writes.
 */
class PreStopDrainTest {

  @TempDir Path bin;

  private int run(String stateAnswer) throws IOException, InterruptedException {
    Files.writeString(bin.resolve("state"), stateAnswer);
    Path curl = bin.resolve("curl");
    Files.writeString(curl, "#!/bin/sh\n"
        + "echo \"$*\" >> \"" + bin.resolve("calls") + "\"\n"
        + "case \"$*\" in *cluster/metrics*) cat \"" + bin.resolve("state") + "\" ;; esac\n");
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = PreStopDrain.lifecycle(TestSpecs.threeNode()).orElseThrow().getPreStop().getExec()
        .getCommand();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }

  @Test
  void theHookStartsTheDrainThenEndsAsSoonAsTheNodeIsLeaving() throws Exception {
    int exit = run("{\"state\":\"leaving\"}");

    assertThat(exit).isZero();
    assertThat(Files.readAllLines(bin.resolve("calls"))).containsExactly(
        "-sS -m " + TerminationBudget.DRAIN_REQUEST_SECS + " -X POST http://localhost:8086/internal/drain",
        "-sS -m 2 http://localhost:8086/cluster/metrics");
  }

  @Test
  void aSingleMemberHasNoHook() {
    assertThat(PreStopDrain.lifecycle(TestSpecs.single())).isEmpty();
  }
}
