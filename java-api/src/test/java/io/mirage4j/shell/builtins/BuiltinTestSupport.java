package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A workspace with a writable {@code /data} (the working directory, in memory) and a read-only
 * {@code /ro} holding {@code notes.txt} and an empty {@code docs/}; the expected outputs of the
 * tests are those of GNU coreutils 9.1 and bash 5.2 for the same command lines.
 */
abstract class BuiltinTestSupport {
  protected InMemoryResource data;
  protected InMemoryResource ro;
  protected Workspace ws;

  @BeforeEach
  void openWorkspace() {
    data = Resources.inMemory();
    ro = Resources.inMemory();
    ro.write("/notes.txt", bytes("one\ntwo\n"));
    ro.mkdir("/docs");
    ws = Workspace.builder()
        .mount("/data", data)
        .mount("/ro", ro, Mode.READ)
        .env("HOME", "/data")
        .build();
  }

  @AfterEach
  void closeWorkspace() {
    ws.close();
  }

  ExecResult run(String line) {
    return ws.execute(line);
  }

  ExecResult run(String line, String stdin) {
    return ws.execute(line, ExecOptions.defaults().withStdin(stdin));
  }

  /** Asserts stdout, stderr and the exit status of a line at once. */
  void expect(String line, String stdout, String stderr, int status) {
    assertThat(run(line)).isEqualTo(result(stdout, stderr, status));
  }

  /** Asserts a successful line's stdout. */
  void expect(String line, String stdout) {
    expect(line, stdout, "", 0);
  }

  static ExecResult result(String stdout, String stderr, int status) {
    return new ExecResult(bytes(stdout), bytes(stderr), status);
  }

  void file(String path, String content) {
    data.write(path, bytes(content));
  }

  void file(String path, byte[] content) {
    data.write(path, content);
  }

  String content(String path) {
    return new String(data.read(path), StandardCharsets.UTF_8);
  }

  boolean exists(String path) {
    try {
      data.stat(path);
      return true;
    } catch (io.mirage4j.fs.ResourceException e) {
      return false;
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
