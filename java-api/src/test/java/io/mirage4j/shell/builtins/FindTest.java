package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.workspace.ExecResult;
import org.junit.jupiter.api.Test;

/** {@code find}, against GNU findutils 4.9; entries come in name order. */
class FindTest extends BuiltinTestSupport {

  @Test
  void walksInNameOrderDirectoriesBeforeTheirEntries() {
    data.mkdir("/t");
    data.mkdir("/t/a");
    file("/t/b", "");
    file("/t/a/z", "");
    file("/t/c", "");
    expect("find t", "t\nt/a\nt/a/z\nt/b\nt/c\n");
    expect("find t -depth", "t/a/z\nt/a\nt/b\nt/c\nt\n");
  }

  @Test
  void searchesOtherMountsByAbsolutePath() {
    expect("find /ro -type f", "/ro/notes.txt\n");
    expect("find /ro -empty", "/ro/docs\n");
  }

  @Test
  void deleteOnAReadOnlyMountFailsAndKeepsTheFile() {
    ExecResult r = run("find /ro -name notes.txt -delete");
    assertThat(r.stderrText()).isEqualTo("find: cannot delete ‘/ro/notes.txt’: Read-only file system\n");
    assertThat(r.exitCode()).isEqualTo(1);
    expect("cat /ro/notes.txt", "one\ntwo\n");
  }

  @Test
  void execRunsShellBuiltinsAsPrograms() {
    data.mkdir("/t");
    file("/t/a.txt", "x\n");
    expect("find t -name '*.txt' -exec sed 's/x/y/' {} \\;", "y\n");
    expect("find t -type f -exec nosuch {} \\; ; echo $?", "0\n", "find: ‘nosuch’: No such file or directory\n", 0);
  }

  @Test
  void execPlusBatchesAllPathsInOneRun() {
    data.mkdir("/t");
    for (int i = 0; i < 5; i++) {
      file("/t/f" + i, "");
    }
    expect("find t -type f -exec echo {} +", "t/f0 t/f1 t/f2 t/f3 t/f4\n");
  }
}
