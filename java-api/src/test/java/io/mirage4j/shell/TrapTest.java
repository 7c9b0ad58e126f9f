package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class TrapTest extends ShellTestSupport {

  @Test
  void exitTrapRunsWhenTheLineEnds() {
    expect("trap 'echo bye $?' EXIT; echo hi", "hi\nbye 0\n");
    expect("trap 'echo bye $?' EXIT; exit 3", "bye 3\n", "", 3);
    expect("trap 'echo a; exit 7' EXIT; echo in", "in\na\n", "", 7);
    expect("trap 'echo it' EXIT; set -e; false; echo no", "it\n", "", 1);
    expect("trap 'echo x' EXIT; trap - EXIT; echo y", "y\n");
  }

  @Test
  void theExitTrapDoesNotOutliveItsLine() {
    expect("trap 'echo bye' EXIT", "bye\n");
    expect("trap -p; echo next", "next\n");
  }

  @Test
  void subshellsAndSubstitutionsRunTheirOwn() {
    expect("trap 'echo late' EXIT; ( trap 'echo sub' EXIT; echo in ); echo out; x=$(trap 'echo cs' EXIT; echo v); echo \"$x\"",
        "in\nsub\nout\nv\ncs\nlate\n");
    expect("trap 'echo p' EXIT; ( echo child ); echo parent", "child\nparent\np\n");
  }

  @Test
  void listingAndSignals() {
    expect("trap 'echo bye' EXIT; trap '' INT; trap 'echo t' TERM 1; trap -p; trap - EXIT",
        "trap -- 'echo bye' EXIT\ntrap -- 'echo t' SIGHUP\ntrap -- '' SIGINT\ntrap -- 'echo t' SIGTERM\n");
    expect("trap \"echo it's\" usr1; trap -p SIGUSR1 64", "trap -- 'echo it'\\''s' SIGUSR1\n");
  }

  @Test
  void errors() {
    expect("trap foo BAR; echo $?", "1\n", "mirage: trap: BAR: invalid signal specification\n", 0);
    expect("trap x; echo $?", "2\n", "trap: usage: trap [-lp] [[arg] signal_spec ...]\n", 0);
    expect("trap 'echo e' ERR; echo $?", "1\n", "mirage: trap: ERR: not supported\n", 0);
    expect("trap -p FOO; echo $?", "1\n", "mirage: trap: FOO: invalid signal specification\n", 0);
  }
}
