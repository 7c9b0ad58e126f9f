package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ArithmeticCommandTest extends ShellTestSupport {

  @Test
  void statusIsOneWhenTheValueIsZero() {
    expect("(( 0 )); echo $?; (( 2 > 1 )); echo $?", "1\n0\n");
  }

  @Test
  void assignmentsAndIncrements() {
    expect("i=5; echo $((i--)) $i $((--i)) $i", "5 4 3 3\n");
    expect("x=1; (( x += 2, y = x * 2 )); echo $x $y", "3 6\n");
  }

  @Test
  void untakenBranchesAreNotEvaluated() {
    expect("(( 1 || (c=1) )); echo \"[$c]\"; echo $(( 0 && 1/0 ))", "[]\n0\n");
  }

  @Test
  void cStyleForLoops() {
    expect("for ((i=0; i<10; i++)); do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done", "0\n1\n3\n");
    expect("(( 1/0 )); echo $?", "1\n", "mirage: ((: 1/0 : division by 0 (error token is \"0 \")\n", 0);
  }
}
