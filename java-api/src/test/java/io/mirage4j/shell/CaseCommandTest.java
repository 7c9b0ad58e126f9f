package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class CaseCommandTest extends ShellTestSupport {

  @Test
  void firstMatchingClauseRuns() {
    expect("for x in a.txt b.py c; do case $x in *.txt|*.md) echo text;; *.py) echo py;; *) echo $x;; esac; done",
        "text\npy\nc\n");
  }

  @Test
  void terminatorsFallThroughOrTestOn() {
    expect("case a in a) echo 1;& b) echo 2;; c) echo 3;; esac", "1\n2\n");
    expect("case abc in a*) echo 1;;& *c) echo 2;;& x) echo 3;; esac", "1\n2\n");
  }

  @Test
  void quotedPatternsAreLiteral() {
    expect("p='a*'; case abc in \"$p\") echo lit;; $p) echo glob;; esac", "glob\n");
  }

  @Test
  void noMatchIsStatusZero() {
    expect("false; case z in a) :;; esac; echo $?", "0\n");
    expect("case a in a) echo a;;", "", "mirage: syntax error near 'newline'\n", 2);
  }
}
