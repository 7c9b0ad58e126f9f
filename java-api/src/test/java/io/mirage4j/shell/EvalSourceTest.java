package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class EvalSourceTest extends ShellTestSupport {

  @Test
  void evalRunsItsArgumentsInTheCurrentShell() {
    expect("eval 'x=1; echo $x'; echo $x", "1\n1\n");
    expect("cmd='echo a | wc -l'; eval \"$cmd\"", "1\n");
    expect("eval; echo $?", "0\n");
    expect("eval false; echo $?", "1\n");
    expect("eval 'echo (' ; echo $?", "2\n", "mirage: eval: syntax error near 'newline'\n", 0);
  }

  @Test
  void evalRecursionIsBounded() {
    expect("x='eval \"$x\"'; eval \"$x\"; echo never", "",
        "mirage: eval: maximum eval and source nesting level exceeded (100)\n", 1);
    expect("echo ok", "ok\n");
  }

  @Test
  void sourceRunsAFileWithArguments() {
    expect("cd /data; printf 'echo in $# $1\\nreturn 3\\necho no\\n' >s.sh; source s.sh a b; echo $?; . ./s.sh; echo $?",
        "in 2 a\n3\nin 0\n3\n");
    expect("cd /data; set -- p q; . ./s.sh; echo $1", "in 2 p\np\n");
    expect("cd /data; printf 'f() { echo f$1; }\\nv=set\\n' >t.sh; . t.sh; f 1; echo $v", "f1\nset\n");
  }

  @Test
  void sourceErrors() {
    expect("cd /data; source nofile; echo $?", "1\n", "mirage: nofile: No such file or directory\n", 0);
    expect("source; echo $?", "2\n",
        "mirage: source: filename argument required\nsource: usage: source filename [arguments]\n", 0);
    expect("cd /data; echo 'echo (' >bad.sh; . bad.sh; echo $?", "2\n",
        "mirage: bad.sh: syntax error near 'newline'\n", 0);
    expect("cd /data; echo '. ./self.sh' >self.sh; . ./self.sh; echo never", "",
        "mirage: ./self.sh: maximum eval and source nesting level exceeded (100)\n", 1);
    expect("eval return; echo $?", "2\n", "mirage: return: can only `return' from a function or sourced script\n", 0);
  }
}
