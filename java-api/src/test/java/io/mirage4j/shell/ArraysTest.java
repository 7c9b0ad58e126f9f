package io.mirage4j.shell;

import org.junit.jupiter.api.Test;

class ArraysTest extends ShellTestSupport {

  @Test
  void indexedArrays() {
    expect("a=(\"a b\" c); a+=(d); a[5]=f; printf '[%s]' \"${a[@]}\"; echo; echo ${#a[@]} ${!a[@]} ${a[-1]}",
        "[a b][c][d][f]\n4 0 1 2 5 f\n");
    expect("a=(a b c d); unset 'a[1]'; echo ${a[@]} ${a[@]:1:2} $(( a[2] == 0 ))", "a c d c d 1\n");
  }

  @Test
  void associativeArrays() {
    expect("declare -A m=([k]=v); m[x]+=y; echo ${m[k]}${m[x]} ${#m[@]}", "vy 2\n");
    expect("declare -A m; declare -a m", "", "mirage: declare: m: cannot convert associative to indexed array\n", 1);
  }

  @Test
  void localArraysEndWithTheirFunction() {
    expect("f() { local -a arr=(1 2 3); echo ${#arr[@]}; }; arr=(x); f; echo ${arr[@]}", "3\nx\n");
  }
}
