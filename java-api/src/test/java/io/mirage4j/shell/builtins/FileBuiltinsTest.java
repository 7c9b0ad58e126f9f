package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.workspace.ExecResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code cat ls mkdir rm rmdir mv cp touch tee}, against GNU coreutils 9.1, and a read-only mount. */
class FileBuiltinsTest extends BuiltinTestSupport {

  @Nested
  class Cat {
    @Test
    void concatenatesFilesAndStdin() {
      file("/b", "x\ny");
      assertThat(run("cat b - b", "IN\n").stdoutText()).isEqualTo("x\nyIN\nx\ny");
    }

    @Test
    void numbersLinesAcrossFiles() {
      file("/a", "foo\n\nbar baz\n");
      file("/b", "x\ny");
      expect("cat -n a b a", "     1\tfoo\n     2\t\n     3\tbar baz\n     4\tx\n     5\tyfoo\n     6\t\n     7\tbar baz\n");
      expect("cat -n b b", "     1\tx\n     2\tyx\n     3\ty");
    }

    @Test
    void copiesBytesUnchanged() {
      file("/bin", new byte[] {0, (byte) 0xff, (byte) 0xfe, '\n'});
      assertThat(run("cat bin").stdout()).containsExactly(0, 0xff, 0xfe, '\n');
    }

    @Test
    void reportsEachBadOperandAndGoesOn() {
      file("/a", "A\n");
      expect("cat nope 'a b' a 'a:b' d", "A\n",
          "cat: nope: No such file or directory\ncat: 'a b': No such file or directory\n"
              + "cat: 'a:b': No such file or directory\ncat: d: No such file or directory\n", 1);
      run("mkdir d");
      expect("cat d", "", "cat: d: Is a directory\n", 1);
      expect("cat /ro", "", "cat: /ro: Is a directory\n", 1);
      expect("cat -z", "", "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1);
    }

    @Test
    void readsAReadOnlyMount() {
      expect("cat /ro/notes.txt", "one\ntwo\n");
    }
  }

  @Nested
  class Ls {
    @Test
    void listsOneNamePerLineSortedBytewise() {
      run("touch B a _ Z \u00e9 '~' 1 .hidden");
      expect("ls", "1\nB\nZ\n_\na\n~\n\u00e9\n");
      expect("ls -A", ".hidden\n1\nB\nZ\n_\na\n~\n\u00e9\n");
    }

    @Test
    void showsDotEntriesWithA() {
      run("mkdir -p d/sub; touch d/a d/.h");
      expect("ls d", "a\nsub\n");
      expect("ls -a d", ".\n..\n.h\na\nsub\n");
      expect("ls -A d", ".h\na\nsub\n");
      expect("ls -aA d", ".h\na\nsub\n");
      expect("ls -Aa d", ".\n..\n.h\na\nsub\n");
      expect("ls -a d/sub", ".\n..\n");
    }

    @Test
    void printsFilesFirstThenDirectoriesWithHeaders() {
      run("mkdir -p d/sub; touch d/a f");
      expect("ls d f", "f\n\nd:\na\nsub\n");
      expect("ls d/sub d", "d:\na\nsub\n\nd/sub:\n");
      expect("ls d/a d/sub f", "d/a\nf\n\nd/sub:\n");
      expect("ls ./f d/", "./f\n\nd/:\na\nsub\n");
      expect("ls -d d f", "d\nf\n");
      expect("ls -d", ".\n");
      expect("ls f d nope d/sub", "f\n\nd:\na\nsub\n\nd/sub:\n", "ls: cannot access 'nope': No such file or directory\n", 2);
    }

    @Test
    void missingOperandsExitTwo() {
      expect("ls nope", "", "ls: cannot access 'nope': No such file or directory\n", 2);
      expect("ls ''", "", "ls: cannot access '': No such file or directory\n", 2);
      expect("ls -z", "", "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2);
    }

    @Test
    void longFormat() {
      run("mkdir d; printf 'hello\\n' > d/a; seq 1 1000 > d/big; mkdir d/sub");
      String a = stamp("/d/a");
      String big = stamp("/d/big");
      String sub = stamp("/d/sub");
      expect("ls -l d", "total 5\n"
          + "-rw-r--r-- 1 user user    6 " + a + " a\n"
          + "-rw-r--r-- 1 user user 3893 " + big + " big\n"
          + "drwxr-xr-x 1 user user    0 " + sub + " sub\n");
      expect("ls -l d/a", "-rw-r--r-- 1 user user 6 " + a + " d/a\n");
      expect("ls -ld d/sub", "drwxr-xr-x 1 user user 0 " + sub + " d/sub\n");
      expect("ls -1l d/sub", "total 0\n");
    }

    @Test
    void longFormatListsMountsAboveThemWithTheEpoch() {
      expect("ls -l /", "total 0\ndrwxr-xr-x 1 user user 0 Jan  1 00:00 data\ndrwxr-xr-x 1 user user 0 Jan  1 00:00 ro\n");
      expect("ls /", "data\nro\n");
      expect("ls /ro", "docs\nnotes.txt\n");
    }

    private String stamp(String path) {
      Instant t = data.stat(path).modified();
      return DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC).format(t);
    }
  }

  @Nested
  class Mkdir {
    @Test
    void createsDirectories() {
      expect("mkdir a b && ls", "a\nb\n");
      expect("mkdir -p x/y/z && ls x/y", "z\n");
      expect("mkdir -p ./q/../r//s/ && ls r", "s\n");
      expect("mkdir -p x; echo $?", "0\n");
    }

    @Test
    void reportsWhatCannotBeCreated() {
      file("/f", "a\n");
      expect("mkdir a/b", "", "mkdir: cannot create directory ‘a/b’: No such file or directory\n", 1);
      expect("mkdir f", "", "mkdir: cannot create directory ‘f’: File exists\n", 1);
      expect("mkdir -p f", "", "mkdir: cannot create directory ‘f’: File exists\n", 1);
      expect("mkdir -p f/g/h", "", "mkdir: cannot create directory ‘f’: Not a directory\n", 1);
      expect("mkdir x y x", "", "mkdir: cannot create directory ‘x’: File exists\n", 1);
      assertThat(exists("/x") && exists("/y")).isTrue();
      expect("mkdir", "", "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1);
      expect("mkdir ''", "", "mkdir: cannot create directory ‘’: No such file or directory\n", 1);
    }

    @Test
    void readOnlyMount() {
      expect("mkdir /ro/x", "", "mkdir: cannot create directory ‘/ro/x’: Read-only file system\n", 1);
      expect("mkdir -p /ro/x/y", "", "mkdir: cannot create directory ‘/ro/x’: Read-only file system\n", 1);
      expect("mkdir -p /ro/docs", "");
      assertThat(ro.list("/")).hasSize(2);
    }
  }

  @Nested
  class Rm {
    @Test
    void removesFilesAndWithRTrees() {
      run("mkdir -p d/e; touch d/e/f g");
      expect("rm g; ls", "d\n");
      expect("rm d", "", "rm: cannot remove 'd': Is a directory\n", 1);
      expect("rm -d d", "", "rm: cannot remove 'd': Directory not empty\n", 1);
      expect("rm -r d; ls", "");
      run("mkdir e");
      expect("rm -d e; ls", "");
    }

    @Test
    void forceIgnoresWhatIsMissing() {
      expect("rm nope", "", "rm: cannot remove 'nope': No such file or directory\n", 1);
      expect("rm -f nope; echo $?", "0\n");
      expect("rm", "", "rm: missing operand\nTry 'rm --help' for more information.\n", 1);
      expect("rm -f", "");
      run("touch f");
      expect("rm -rf f nope; echo $?", "0\n");
    }

    @Test
    void refusesDotDotAndRoot() {
      run("mkdir d");
      expect("rm -r .", "", "rm: refusing to remove '.' or '..' directory: skipping '.'\n", 1);
      expect("rm -rf d/.", "", "rm: refusing to remove '.' or '..' directory: skipping 'd/.'\n", 1);
      expect("rm -r /", "", "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", 1);
      expect("rm -r /data", "", "rm: cannot remove '/data': Device or resource busy\n", 1);
      assertThat(exists("/d")).isTrue();
    }

    @Test
    void readOnlyMountKeepsEverything() {
      expect("rm /ro/notes.txt", "", "rm: cannot remove '/ro/notes.txt': Read-only file system\n", 1);
      expect("rm -r /ro/docs", "", "rm: cannot remove '/ro/docs': Read-only file system\n", 1);
      assertThat(ro.list("/")).hasSize(2);
    }
  }

  @Nested
  class Rmdir {
    @Test
    void removesEmptyDirectoriesOnly() {
      run("mkdir -p d/e a/b/c; touch f");
      expect("rmdir d", "", "rmdir: failed to remove 'd': Directory not empty\n", 1);
      expect("rmdir f", "", "rmdir: failed to remove 'f': Not a directory\n", 1);
      expect("rmdir nope", "", "rmdir: failed to remove 'nope': No such file or directory\n", 1);
      expect("rmdir d/e d && ls", "a\nf\n");
      expect("rmdir -p a/b/c && ls", "f\n");
      expect("rmdir", "", "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", 1);
      expect("rmdir /ro/docs", "", "rmdir: failed to remove '/ro/docs': Read-only file system\n", 1);
    }
  }

  @Nested
  class Mv {
    @Test
    void renamesAndMovesIntoDirectories() {
      file("/f", "F");
      file("/g", "G");
      run("mkdir x y");
      expect("mv f x; ls x", "f\n");
      expect("mv g y/h; ls y", "h\n");
      expect("mv x/f y/h; cat y/h", "F");
      expect("mv x y; ls y", "h\nx\n");
      run("mkdir -p d/x e/d");
      expect("mv d e; ls e/d", "x\n");
    }

    @Test
    void refusesWhatCoreutilsRefuses() {
      run("mkdir -p d/s e/d/k e/f2; touch f f2");
      expect("mv", "", "mv: missing file operand\nTry 'mv --help' for more information.\n", 1);
      expect("mv a", "", "mv: missing destination file operand after 'a'\nTry 'mv --help' for more information.\n", 1);
      expect("mv f f2 f3", "", "mv: target 'f3': No such file or directory\n", 1);
      expect("mv f d f2", "", "mv: target 'f2' is not a directory\n", 1);
      expect("mv nope x", "", "mv: cannot stat 'nope': No such file or directory\n", 1);
      expect("mv f f", "", "mv: 'f' and 'f' are the same file\n", 1);
      expect("mv d d/t", "", "mv: cannot move 'd' to a subdirectory of itself, 'd/t'\n", 1);
      expect("mv d d/s", "", "mv: cannot move 'd' to a subdirectory of itself, 'd/s/d'\n", 1);
      expect("mv d d/", "", "mv: cannot move 'd' to a subdirectory of itself, 'd/d'\n", 1);
      expect("mv d f", "", "mv: cannot overwrite non-directory 'f' with directory 'd'\n", 1);
      expect("mv f2 e", "", "mv: cannot overwrite directory 'e/f2' with non-directory\n", 1);
      expect("mv d e", "", "mv: cannot move 'd' to 'e/d': Directory not empty\n", 1);
      expect("mv f nope/", "", "mv: cannot move 'f' to 'nope/': Not a directory\n", 1);
      expect("mv f x/y", "", "mv: cannot move 'f' to 'x/y': No such file or directory\n", 1);
      expect("ls", "d\ne\nf\nf2\n");
    }

    @Test
    void movesAcrossMounts() {
      file("/f", "F\n");
      run("mkdir -p d/e; echo deep > d/e/x");
      expect("cp -r /ro/docs docs2 && mv f d /ro 2>&1; ls",
          "mv: inter-device move failed: 'f' to '/ro/f'; unable to remove target: Read-only file system\n"
              + "mv: inter-device move failed: 'd' to '/ro/d'; unable to remove target: Read-only file system\n"
              + "d\ndocs2\nf\n");
      expect("mv /ro/notes.txt .", "", "mv: cannot remove '/ro/notes.txt': Read-only file system\n", 1);
      assertThat(exists("/notes.txt")).isFalse();
      expect("mv /ro/notes.txt /ro/n", "", "mv: cannot move '/ro/notes.txt' to '/ro/n': Read-only file system\n", 1);
      expect("mv /data /x", "", "mv: cannot move '/data' to '/x': Device or resource busy\n", 1);
    }
  }

  @Nested
  class Cp {
    @Test
    void copiesFilesAndTrees() {
      file("/f", new byte[] {'a', 0, 'b'});
      run("mkdir -p e/d x; touch e/d/k");
      assertThat(run("cp f g; cat g").stdout()).containsExactly('a', 0, 'b');
      expect("cp f e; ls e", "d\nf\n");
      expect("cp -r e e2; ls e2 e2/d", "e2:\nd\nf\n\ne2/d:\nk\n");
      expect("cp -r e x; ls x/e/d", "k\n");
      expect("cp f g x; ls x", "e\nf\ng\n");
      expect("cp /ro/notes.txt . && cat notes.txt", "one\ntwo\n");
    }

    @Test
    void refusesWhatCoreutilsRefuses() {
      run("mkdir -p d e/d; touch f e/d/k");
      expect("cp d x", "", "cp: -r not specified; omitting directory 'd'\n", 1);
      expect("cp", "", "cp: missing file operand\nTry 'cp --help' for more information.\n", 1);
      expect("cp f", "", "cp: missing destination file operand after 'f'\nTry 'cp --help' for more information.\n", 1);
      expect("cp nope x", "", "cp: cannot stat 'nope': No such file or directory\n", 1);
      expect("cp -r d d/x", "", "cp: cannot copy a directory, 'd', into itself, 'd/x'\n", 1);
      expect("cp -r d d", "", "cp: cannot copy a directory, 'd', into itself, 'd/d'\n", 1);
      expect("cp -r . d", "", "cp: cannot copy a directory, '.', into itself, 'd/.'\n", 1);
      expect("cp -r . new", "", "cp: cannot copy a directory, '.', into itself, 'new'\n", 1);
      expect("cp f f", "", "cp: 'f' and 'f' are the same file\n", 1);
      expect("cp -r e/d e", "", "cp: 'e/d' and 'e/d' are the same file\n", 1);
      expect("cp -r d f", "", "cp: cannot overwrite non-directory 'f' with directory 'd'\n", 1);
      expect("cp f nope/", "", "cp: cannot create regular file 'nope/': Not a directory\n", 1);
      expect("cp f a b", "", "cp: target 'b': No such file or directory\n", 1);
    }

    @Test
    void readOnlyMountIsNotWritten() {
      run("mkdir d; touch d/x f");
      expect("cp f /ro/", "", "cp: cannot create regular file '/ro/f': Read-only file system\n", 1);
      expect("cp -r d /ro/docs", "", "cp: cannot create directory '/ro/docs/d': Read-only file system\n", 1);
      assertThat(ro.list("/docs")).isEmpty();
    }
  }

  @Nested
  class Touch {
    @Test
    void createsEmptyFilesAndKeepsContent() {
      file("/f", "a\n");
      expect("touch x f; cat x f", "a\n");
      expect("touch -c y; ls", "f\nx\n");
      run("mkdir d");
      expect("touch d; echo $?", "0\n");
    }

    @Test
    void renewsTheModificationTime() throws InterruptedException {
      file("/f", "a\n");
      Instant before = data.stat("/f").modified();
      Thread.sleep(5);
      run("touch f");
      assertThat(data.stat("/f").modified()).isAfter(before);
    }

    @Test
    void reportsWhatCannotBeTouched() {
      expect("touch nod/x", "", "touch: cannot touch 'nod/x': No such file or directory\n", 1);
      expect("touch", "", "touch: missing file operand\nTry 'touch --help' for more information.\n", 1);
      expect("touch /ro/notes.txt /ro/new", "",
          "touch: cannot touch '/ro/notes.txt': Read-only file system\ntouch: cannot touch '/ro/new': Read-only file system\n", 1);
      expect("touch /ro/docs", "", "touch: setting times of '/ro/docs': Read-only file system\n", 1);
      assertThat(new String(ro.read("/notes.txt"))).isEqualTo("one\ntwo\n");
    }
  }

  @Nested
  class Tee {
    @Test
    void copiesStdinToStdoutAndFiles() {
      expect("echo hi | tee t; cat t", "hi\nhi\n");
      expect("echo hi | tee -a t t2 > /dev/null; echo there | tee -a t > /dev/null; cat t t2", "hi\nhi\nthere\nhi\n");
      expect("echo y | tee t > /dev/null; cat t", "y\n");
      expect("seq 1 100000 | tee /dev/null | head -1", "1\n");
    }

    @Test
    void isBinarySafe() {
      ExecResult r = ws.execute("tee t", io.mirage4j.workspace.ExecOptions.defaults().withStdin(new byte[] {0, (byte) 0x80, 'x'}));
      assertThat(r.stdout()).containsExactly(0, 0x80, 'x');
      assertThat(data.read("/t")).containsExactly(0, 0x80, 'x');
    }

    @Test
    void reportsFilesItCannotWriteAndGoesOn() {
      run("mkdir d");
      expect("echo hi | tee d t /ro/t nope/x", "hi\n",
          "tee: d: Is a directory\ntee: /ro/t: Read-only file system\ntee: nope/x: No such file or directory\n", 1);
      assertThat(content("/t")).isEqualTo("hi\n");
    }
  }

  /** Names past Linux's limits, refused with coreutils' and bash's messages; nothing is created. */
  @Nested
  class NamesTooLong {
    private final String name = "a".repeat(256);

    @Test
    void creatingCommandsReportFileNameTooLong() {
      file("/f", "kept\n");
      expect("echo x > " + name + "; touch " + name + "; mkdir " + name + "; cp f " + name + "; mv f " + name
              + "; cat f",
          "kept\n",
          "mirage: /data/" + name + ": File name too long\n"
              + "touch: cannot touch '" + name + "': File name too long\n"
              + "mkdir: cannot create directory ‘" + name + "’: File name too long\n"
              + "cp: cannot stat '" + name + "': File name too long\n"
              + "mv: cannot stat '" + name + "': File name too long\n",
          0);
      expect("ls", "f\n");
    }

    @Test
    void aPathPast4095BytesIsTooLong() {
      String deep = "d/".repeat(2046) + "x";
      expect("touch " + deep, "", "touch: cannot touch '" + deep + "': File name too long\n", 1);
    }

    @Test
    void aNameOf255BytesIsStored() {
      String longest = "b".repeat(255);
      expect("echo x > " + longest + "; cat " + longest, "x\n");
    }

    @Test
    void aNameWithALoneSurrogateIsNotText() {
      expect("touch 'x\udcffy'", "", "touch: cannot touch 'x\udcffy': Invalid or incomplete multibyte or wide character\n", 1);
    }
  }
}
