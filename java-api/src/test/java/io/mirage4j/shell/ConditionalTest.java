package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ConditionalTest extends ShellTestSupport {

  @Test
  void regexMatchFillsRematch() {
    expect("[[ foo-42 =~ ^([a-z]+)-([0-9]+)$ ]] && echo ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${#BASH_REMATCH[@]}",
        "foo 42 3\n");
    expect("[[ a.c =~ \"a.c\" ]] && echo y; [[ abc =~ \"a.c\" ]] || echo n", "y\nn\n");
    expect("re='('; [[ a =~ $re ]]; echo $?", "2\n");
  }

  @Test
  void patternsStringsAndNumbers() {
    expect("[[ abc == a* && abc != 'a*' ]] && echo y", "y\n");
    expect("[[ 10 -gt 9 ]] && echo num; [[ 10 > 9 ]] || echo str", "num\nstr\n");
    expect("x='a b'; [[ $x == 'a b' && -n $x && ! -z $x ]] && echo y", "y\n");
  }

  @Test
  void badArithmeticIsReported() {
    expect("[[ 1 -eq \"1 2\" ]]; echo $?", "1\n", "mirage: [[: 1 2: syntax error in expression (error token is \"2\")\n", 0);
  }
}
