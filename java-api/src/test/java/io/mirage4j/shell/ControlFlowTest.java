package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ControlFlowTest extends ShellTestSupport {

  @Test
  void statusOfAnAssignmentIsItsLastSubstitutions() {
    expect("false; s=$?; echo $s", "1\n");
    expect("x=$(exit 3) y=$(exit 4); echo $?", "4\n");
    expect("false; x=1; echo $?", "0\n");
  }

  @Test
  void breakAndContinueCountLoops() {
    expect("for i in 1 2; do for j in a b c; do [ $j = b ] && break 2; echo $i$j; done; done", "1a\n");
    expect("for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done", "1a\n2a\n");
    expect("i=0; while :; do i=$((i+1)); [ $i = 3 ] && break; done; echo $i", "3\n");
  }

  @Test
  void breakOutsideALoopIsReported() {
    expect("break; echo $?", "0\n", "mirage: break: only meaningful in a `for', `while', or `until' loop\n", 0);
    expect("f() { break; }; for i in 1; do f; echo $i; done", "1\n",
        "mirage: break: only meaningful in a `for', `while', or `until' loop\n", 0);
    expect("for i in 1 2; do break 0; echo no; done; echo $?", "1\n", "mirage: break: 0: loop count out of range\n", 0);
  }

  @Test
  void returnEndsTheFunction() {
    expect("f() { echo a; return 3; echo b; }; f; echo $?", "a\n3\n");
    expect("f() { for i in 1 2; do return 4; done; }; f; echo $?", "4\n");
    expect("return; echo $?", "2\n", "mirage: return: can only `return' from a function or sourced script\n", 0);
  }

  @Test
  void localVariablesEndWithTheirFunction() {
    expect("f() { local x=1; g; }; g() { echo $x; }; x=0; f; echo $x", "1\n0\n");
    expect("f() { local n=$1; [ $n -gt 0 ] && f $((n-1)); echo $n; }; f 2", "0\n1\n2\n");
    expect("local x", "", "mirage: local: can only be used in a function\n", 1);
  }
}
