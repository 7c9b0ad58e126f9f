package io.mirage4j.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.python.PythonStartup.Fatal;
import io.mirage4j.python.PythonStartup.Ready;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PYTHON* environment variables as CPython's start-up reads them (checked against CPython 3.11 and 3.13). */
class PythonStartupTest {

  private static PythonFlags flags(Map<String, String> env, String... options) {
    PythonCommandLine.Run run = (PythonCommandLine.Run) PythonCommandLine.parse("python3",
        concat(options, "-c", "pass"));
    return ((Ready) PythonStartup.resolve(run.flags(), env, "/data/sub")).flags();
  }

  private static String fatal(Map<String, String> env, String... options) {
    PythonCommandLine.Run run = (PythonCommandLine.Run) PythonCommandLine.parse("python3",
        concat(options, "-c", "pass"));
    return ((Fatal) PythonStartup.resolve(run.flags(), env, "/data/sub")).stderr();
  }

  private static List<String> concat(String[] options, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(options));
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void noVariableLeavesTheCommandLinesFlags() {
    assertThat(flags(Map.of("HOME", "/data"))).isEqualTo(PythonFlags.NONE);
    assertThat(flags(Map.of("PYTHONPATH", "", "PYTHONOPTIMIZE", "", "PYTHONHASHSEED", ""))).isEqualTo(PythonFlags.NONE);
  }

  @Test
  void pythonPathEntriesAreMadeAbsoluteAgainstTheCwd() {
    assertThat(flags(Map.of("PYTHONPATH", "lib:../x::/abs/./y/..:")).pythonPath())
        .containsExactly("/data/sub/lib", "/data/x", "/data/sub", "/abs", "/data/sub");
  }

  @Test
  void pythonWarningsComeBeforeTheWOptions() {
    assertThat(flags(Map.of("PYTHONWARNINGS", " error,,ignore::DeprecationWarning,"), "-W", "default").warnOptions())
        .containsExactly(" error", "ignore::DeprecationWarning", "default");
  }

  @Test
  void pythonIoEncodingSplitsAtTheFirstColon() {
    PythonFlags both = flags(Map.of("PYTHONIOENCODING", "ascii:replace"));
    assertThat(List.of(both.ioEncoding(), both.ioErrors())).containsExactly("ascii", "replace");
    PythonFlags errorsOnly = flags(Map.of("PYTHONIOENCODING", ":surrogateescape:x"));
    assertThat(List.of(errorsOnly.ioEncoding(), errorsOnly.ioErrors())).containsExactly("", "surrogateescape:x");
    PythonFlags encodingOnly = flags(Map.of("PYTHONIOENCODING", "latin-1"));
    assertThat(List.of(encodingOnly.ioEncoding(), encodingOnly.ioErrors())).containsExactly("latin-1", "");
  }

  @Test
  void numericFlagVariablesCountAsCPythonsDo() {
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "2")).optimize()).isEqualTo(2);
    assertThat(flags(Map.of("PYTHONOPTIMIZE", " 5")).optimize()).isEqualTo(5);
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "x")).optimize()).isEqualTo(1);
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "-3")).optimize()).isEqualTo(1);
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "0")).optimize()).isZero();
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "1"), "-OO").optimize()).isEqualTo(2);
    assertThat(flags(Map.of("PYTHONOPTIMIZE", "2"), "-O").optimize()).isEqualTo(2);
    assertThat(flags(Map.of("PYTHONDONTWRITEBYTECODE", "1")).dontWriteBytecode()).isTrue();
    assertThat(flags(Map.of("PYTHONDONTWRITEBYTECODE", "0")).dontWriteBytecode()).isFalse();
    assertThat(flags(Map.of("PYTHONUNBUFFERED", "yes")).unbuffered()).isTrue();
    assertThat(flags(Map.of("PYTHONUNBUFFERED", "0")).unbuffered()).isFalse();
  }

  @Test
  void presenceVariablesTakeAnyNonEmptyValue() {
    assertThat(flags(Map.of("PYTHONSAFEPATH", "0")).safePath()).isTrue();
    assertThat(flags(Map.of("PYTHONNOUSERSITE", "0")).noUserSite()).isTrue();
    assertThat(flags(Map.of("PYTHONSAFEPATH", "")).safePath()).isFalse();
  }

  @Test
  void hashSeedZeroTurnsRandomizationOff() {
    assertThat(flags(Map.of("PYTHONHASHSEED", "0")).hashRandomization()).isFalse();
    assertThat(flags(Map.of("PYTHONHASHSEED", "00")).hashRandomization()).isFalse();
    assertThat(flags(Map.of("PYTHONHASHSEED", "4294967295")).hashRandomization()).isTrue();
    assertThat(flags(Map.of("PYTHONHASHSEED", "random")).hashRandomization()).isTrue();
    String refusal = "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" or an integer in "
        + "range [0; 4294967295]\nPython runtime state: preinitialized\n\n";
    assertThat(fatal(Map.of("PYTHONHASHSEED", "4294967296"))).isEqualTo(refusal);
    assertThat(fatal(Map.of("PYTHONHASHSEED", "12x"))).isEqualTo(refusal);
    assertThat(fatal(Map.of("PYTHONHASHSEED", "-1"))).isEqualTo(refusal);
  }

  @Test
  void utf8ModeFromTheVariableUnlessAnXOptionSaysOtherwise() {
    assertThat(flags(Map.of()).utf8Mode()).isEqualTo(-1);
    assertThat(flags(Map.of("PYTHONUTF8", "1")).utf8Mode()).isEqualTo(1);
    assertThat(flags(Map.of("PYTHONUTF8", "0")).utf8Mode()).isZero();
    assertThat(flags(Map.of("PYTHONUTF8", "1"), "-X", "utf8=0").utf8Mode()).isZero();
    assertThat(flags(Map.of(), "-X", "utf8").utf8Mode()).isEqualTo(1);
    assertThat(fatal(Map.of("PYTHONUTF8", "2"))).isEqualTo("Fatal Python error: preconfig_init_utf8_mode: invalid "
        + "PYTHONUTF8 environment variable value\nPython runtime state: preinitializing\n\n");
    assertThat(fatal(Map.of(), "-X", "utf8=yes")).isEqualTo("Fatal Python error: preconfig_init_utf8_mode: invalid "
        + "-X utf8 option value\nPython runtime state: preinitializing\n\n");
  }

  @Test
  void intMaxStrDigitsIsZeroOrAtLeast640() {
    assertThat(flags(Map.of()).intMaxStrDigits()).isEqualTo(-1);
    assertThat(flags(Map.of("PYTHONINTMAXSTRDIGITS", "640")).intMaxStrDigits()).isEqualTo(640);
    assertThat(flags(Map.of("PYTHONINTMAXSTRDIGITS", "0")).intMaxStrDigits()).isZero();
    assertThat(flags(Map.of("PYTHONINTMAXSTRDIGITS", "700"), "-X", "int_max_str_digits=800").intMaxStrDigits())
        .isEqualTo(800);
    assertThat(fatal(Map.of("PYTHONINTMAXSTRDIGITS", "639"))).isEqualTo("Fatal Python error: "
        + "config_init_int_max_str_digits: PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.\n"
        + "Python runtime state: preinitialized\n\n");
    assertThat(fatal(Map.of(), "-X", "int_max_str_digits")).startsWith(
        "Fatal Python error: config_init_int_max_str_digits: -X int_max_str_digits: invalid limit");
  }

  @Test
  void ignoreEnvironmentReadsNoVariableButKeepsXOptions() {
    Map<String, String> env = Map.of("PYTHONPATH", "lib", "PYTHONOPTIMIZE", "2", "PYTHONHASHSEED", "bad",
        "PYTHONUTF8", "x", "PYTHONWARNINGS", "error", "PYTHONSAFEPATH", "1", "PYTHONDONTWRITEBYTECODE", "1");
    PythonFlags e = flags(env, "-E", "-X", "utf8");
    assertThat(e.ignoreEnvironment()).isTrue();
    assertThat(e.pythonPath()).isEmpty();
    assertThat(e.optimize()).isZero();
    assertThat(e.warnOptions()).isEmpty();
    assertThat(e.safePath()).isFalse();
    assertThat(e.dontWriteBytecode()).isFalse();
    assertThat(e.hashRandomization()).isTrue();
    assertThat(e.utf8Mode()).isEqualTo(1);
    PythonFlags isolated = flags(env, "-I");
    assertThat(List.of(isolated.isolated(), isolated.ignoreEnvironment(), isolated.safePath(), isolated.noUserSite()))
        .containsOnly(true);
    assertThat(isolated.pythonPath()).isEmpty();
    assertThat(isolated.optimize()).isZero();
  }
}
