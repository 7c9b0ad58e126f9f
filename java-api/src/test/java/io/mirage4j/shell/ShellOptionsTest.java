package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ShellOptionsTest extends ShellTestSupport {

  @Test
  void errexitStopsAtAFailureThatIsNotTested() {
    expect("set -e; false || true; if false; then :; fi; ! true; echo yes; false; echo no", "yes\n", "", 1);
    expect("set -e; f() { false; echo in; }; f || echo failed; f; echo out", "in\n", "", 1);
  }

  @Test
  void pipefailAndPipestatus() {
    expect("true | false | true; echo ${PIPESTATUS[@]} $?", "0 1 0 0\n");
    expect("set -o pipefail; true | (exit 3) | true; echo $?", "3\n");
  }

  @Test
  void nounsetEndsTheShell() {
    expect("set -u; echo ${x-ok}; echo $x; echo no", "ok\n", "mirage: x: unbound variable\n", 127);
  }

  @Test
  void positionalParameters() {
    expect("set -- a b c; shift; echo $# $@; shift 5; echo $?", "2 b c\n1\n");
    expect("set -q", "", "mirage: set: -q: invalid option\n"
        + "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2);
  }
}
