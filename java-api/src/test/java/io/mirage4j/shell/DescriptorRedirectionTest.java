package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class DescriptorRedirectionTest extends ShellTestSupport {

  @Test
  void bothStreamsToAFile() {
    expect("cd /data; echo hi &>f; cat f", "hi\n");
    expect("cd /data; echo hi &> f; ls nofile &>>f; cat f", "hi\nls: cannot access 'nofile': No such file or directory\n");
    expect("cd /data; { echo o; echo e >&2; } &>g; cat g", "o\ne\n");
  }

  @Test
  void readWriteOpensWithoutTruncating() {
    expect("cd /data; cat <> new; ls", "new\n");
    expect("cd /data; echo 0123456789 >h; echo ab 1<>h; cat h", "ab\n3456789\n");
    expect("cd /data; echo abc >h; cat 0<>h", "abc\n");
  }

  @Test
  void numberedDescriptors() {
    expect("cd /data; { echo a >&3; echo b >&3; } 3>k; cat k", "a\nb\n");
    expect("{ echo out; echo err >&2; } 3>&1 1>&2 2>&3", "err\n", "out\n", 0);
    expect("cd /data; echo in >h; cat 3<h <&3", "in\n");
    expect("echo hi 3>&1 >&3", "hi\n");
    expect("echo moved 3>&1 1>&3-", "moved\n");
  }

  @Test
  void closedAndMissingDescriptors() {
    expect("echo x >&-; echo $?", "1\n", "mirage: echo: write error: Bad file descriptor\n", 0);
    expect("echo hi >&7; echo $?", "1\n", "mirage: 7: Bad file descriptor\n", 0);
    expect("cat <&8; echo $?", "1\n", "mirage: 8: Bad file descriptor\n", 0);
    expect("echo x 2>&-; echo $?", "x\n0\n");
  }

  @Test
  void execOpensDescriptorsForTheRestOfTheSession() {
    expect("cd /data; exec 3>m; echo one >&3; cat m; echo two >&3; exec 3>&-; echo three >&3; echo $?; cat m",
        "one\n1\none\ntwo\n", "mirage: 3: Bad file descriptor\n", 0);
    expect("cd /data; printf 'l1\\nl2\\n' >in; exec 4<in; cat <&4", "l1\nl2\n");
    expect("exec >/dev/null; echo $?", "1\n", "mirage: exec: redirecting descriptor 1 for the rest of the line is not supported\n", 0);
    expect("exec echo hi; echo never", "hi\n");
  }
}
