package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ParameterOperatorsTest extends ShellTestSupport {

  @Test
  void replacements() {
    expect("f=data.csv; echo ${f/.csv/.json}", "data.json\n");
    expect("x=aXbXc; echo ${x/X/-} ${x//X/-} ${x/#a/A} ${x/%c/C}", "a-bXc a-b-c AXbXc aXbXC\n");
    expect("x=abc; echo ${x/b/[&]} ${x/b/\\&}", "a[b]c a&c\n");
  }

  @Test
  void substrings() {
    expect("x=abcdef; echo ${x:2} ${x:2:3} ${x: -2} ${x: -4:-1}", "cdef cde ef cde\n");
    expect("x=abcdef; echo ${x:1:-7}", "", "mirage: -7: substring expression < 0\n", 1);
  }

  @Test
  void caseAndIndirection() {
    expect("x=hello; echo ${x^} ${x^^} ${x^^[lo]}; y=WORLD; echo ${y,} ${y,,}", "Hello HELLO heLLO\nwORLD world\n");
    expect("x=name; name=value; echo ${!x}", "value\n");
  }
}
