package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.workspace.ExecResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimeTest extends ShellTestSupport {

  private String stderr(String line) {
    ExecResult r = ws.execute(line);
    return new String(r.stderr(), StandardCharsets.UTF_8);
  }

  @Test
  void timePrintsBashsFormatOnStderr() {
    assertThat(stderr("time echo hi >/dev/null")).matches("\nreal\t0m0\\.\\d{3}s\nuser\t0m\\d\\.\\d{3}s\nsys\t0m\\d\\.\\d{3}s\n");
    assertThat(stderr("time -p true")).matches("real \\d+\\.\\d{2}\nuser \\d+\\.\\d{2}\nsys \\d+\\.\\d{2}\n");
    assertThat(stderr("time sleep 1.2")).matches("\nreal\t0m1\\.[2-9]\\d{2}s\n(?s).*");
  }

  @Test
  void theStatusIsThePipelines() {
    expect("TIMEFORMAT=; time false; echo $?", "1\n");
    expect("TIMEFORMAT=; time ! false; echo $?", "0\n");
    expect("TIMEFORMAT=; time echo a | wc -l", "1\n");
    expect("TIMEFORMAT=; time; echo $?", "0\n");
  }

  @Test
  void timeformat() {
    expect("TIMEFORMAT='R=%0R %% x'; time true", "", "R=0 % x\n", 0);
    expect("TIMEFORMAT='%1lR'; time true 2>/dev/null", "", "0m0.0s\n", 0);
    expect("TIMEFORMAT='took %0R'; { time true; } 2>/dev/null; echo done", "done\n");
  }

  @Test
  void timeUnderErrexitStillReports() {
    expect("TIMEFORMAT=t; set -e; time false; echo no", "", "t\n", 1);
  }
}
