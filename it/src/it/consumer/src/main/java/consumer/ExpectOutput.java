package consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code ExpectOutput CACHE COMMAND...}: runs the command, which must print exactly 1 and exit 0. */
public final class ExpectOutput {
  private ExpectOutput() {}

  public static void main(String[] args) throws Exception {
    Bundled.requireNoRuntimeSettings();
    List<String> command = Arrays.asList(args).subList(1, args.length);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    if (!out.equals("1\n") || status != 0) {
      Bundled.fail(String.join(" ", command) + " exited " + status + " with stdout [" + out + "]");
    }
    System.out.println("the CLI printed 1");
    Bundled.requireExtractedInto(Path.of(args[0]));
  }
}
