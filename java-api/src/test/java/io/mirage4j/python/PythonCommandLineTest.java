package io.mirage4j.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.python.PythonCommandLine.CommandSource;
import io.mirage4j.python.PythonCommandLine.Exit;
import io.mirage4j.python.PythonCommandLine.ModuleSource;
import io.mirage4j.python.PythonCommandLine.Run;
import io.mirage4j.python.PythonCommandLine.ScriptSource;
import io.mirage4j.python.PythonCommandLine.StdinSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonCommandLineTest {
  private static final String USAGE = "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
      + "Try `python -h' for more information.\n";

  private static PythonCommandLine.Parsed parse(String... args) {
    return PythonCommandLine.parse("python3", List.of(args));
  }

  private static Run run(String... args) {
    return (Run) parse(args);
  }

  @Test
  void everyWordAfterTheProgramBelongsToIt() {
    assertThat(run("-c", "code", "-V", "--help", "-c")).isEqualTo(
        new Run(new CommandSource("code"), List.of("-V", "--help", "-c"), PythonFlags.NONE, List.of()));
    assertThat(run("s.py", "--version").programArgs()).containsExactly("--version");
    assertThat(run("-m", "json.tool", "in.json").source()).isEqualTo(new ModuleSource("json.tool"));
    assertThat(run("-", "a").source()).isEqualTo(new StdinSource(true));
    assertThat(run().source()).isEqualTo(new StdinSource(false));
    assertThat(run("--", "-weird.py").source()).isEqualTo(new ScriptSource("-weird.py"));
  }

  @Test
  void shortOptionsCombineAndTakeAttachedArguments() {
    Run r = run("-BOOcprint(1)", "x");
    assertThat(r.source()).isEqualTo(new CommandSource("print(1)"));
    assertThat(r.flags().dontWriteBytecode()).isTrue();
    assertThat(r.flags().optimize()).isEqualTo(2);
    assertThat(run("-mjson.tool").source()).isEqualTo(new ModuleSource("json.tool"));
    assertThat(run("-Werror", "-W", "ignore::DeprecationWarning", "-Xutf8", "-c", "x").flags().warnOptions())
        .containsExactly("error", "ignore::DeprecationWarning");
  }

  @Test
  void honouredOptionsReachTheFlags() {
    PythonFlags f = run("-B", "-O", "-P", "-x", "-u", "-q", "-X", "dev", "s.py").flags();
    assertThat(f).isEqualTo(new PythonFlags(1, true, true, true, List.of(), List.of("dev"), true, true,
        false, false, false, false));
  }

  @Test
  void optionsTheRuntimeCannotHonourWarnOnceEach() {
    Run r = run("-E", "-s", "-S", "-S", "-X", "dev", "-c", "pass");
    assertThat(r.warnings()).containsExactly(
        "python3: warning: -S is ignored by the 'pyodide' runtime\n",
        "python3: warning: -X dev is ignored by the 'pyodide' runtime\n");
  }

  @Test
  void ignoreEnvironmentIsolationAndNoUserSiteAreHonoured() {
    Run e = run("-E", "-s", "-c", "pass");
    assertThat(e.warnings()).isEmpty();
    assertThat(List.of(e.flags().ignoreEnvironment(), e.flags().noUserSite(), e.flags().isolated(), e.flags().safePath()))
        .containsExactly(true, true, false, false);
    PythonFlags isolated = run("-I", "-c", "pass").flags();
    assertThat(List.of(isolated.isolated(), isolated.ignoreEnvironment(), isolated.safePath(), isolated.noUserSite()))
        .containsOnly(true);
  }

  @Test
  void everyOCounts() {
    assertThat(run("-OOO", "-c", "pass").flags().optimize()).isEqualTo(3);
  }

  @Test
  void usageErrorsUseCPythonsWording() {
    assertThat(parse("-Z")).isEqualTo(new Exit(2, "", "Unknown option: -Z\n" + USAGE));
    assertThat(parse("--foo")).isEqualTo(new Exit(2, "", "unknown option --foo\n" + USAGE));
    assertThat(parse("-c")).isEqualTo(new Exit(2, "", "Argument expected for the -c option\n" + USAGE));
    assertThat(parse("-B", "-m")).isEqualTo(new Exit(2, "", "Argument expected for the -m option\n" + USAGE));
    assertThat(parse("-W")).isEqualTo(new Exit(2, "", "Argument expected for the -W option\n" + USAGE));
    assertThat(PythonCommandLine.parse("python", List.of("-Z")))
        .isEqualTo(new Exit(2, "", "Unknown option: -Z\nusage: python [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
            + "Try `python -h' for more information.\n"));
  }

  @Test
  void versionAndHelpStopBeforeTheProgram() {
    assertThat(parse("-V")).isInstanceOf(PythonCommandLine.Version.class);
    assertThat(parse("-VV", "-c", "x")).isInstanceOf(PythonCommandLine.Version.class);
    assertThat(parse("--version")).isInstanceOf(PythonCommandLine.Version.class);
    assertThat(parse("-h")).isInstanceOfSatisfying(Exit.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.stdout()).startsWith("usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nOptions");
    });
    assertThat(parse("--help")).isEqualTo(parse("-?"));
  }
}
