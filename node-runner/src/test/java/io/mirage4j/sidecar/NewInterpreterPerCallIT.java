package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link NodeSidecarProvider.Builder#newInterpreterPerCall()}: each call runs in a new
 * interpreter, so nothing a call changes is seen by the next, not even what no per-call reset
 * reaches: a library module's namespace written directly, the codec registry the interpreter keeps
 * in C, the interpreter's own files. The workspace's mounts stay as the calls left them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NewInterpreterPerCallIT {

  @Test
  void eachCallRunsInANewInterpreterOverTheSameMounts() {
    InMemoryResource data = Resources.inMemory();
    NodeSidecarProvider provider = NodeSidecarProvider.builder().newInterpreterPerCall().build();
    try (Workspace ws = Workspace.builder().mount("/data", data).pythonRuntime(provider).build()) {
      ExecResult tampered = python(ws, """
          import codecs, os
          vars(os)['getpid'] = lambda: 4242
          codecs.register(lambda name: codecs.lookup('utf-8') if name == 'leaky' else None)
          open('/tmp/left-behind', 'w').write('x')
          open('/data/kept', 'w').write('on the mount')
          print(os.getpid(), codecs.lookup('leaky').name)
          """);
      assertThat(tampered).isEqualTo(new ExecResult("4242 utf-8\n".getBytes(UTF_8), new byte[0], 0));

      ExecResult next = python(ws, """
          import codecs, os
          try:
              codecs.lookup('leaky')
          except LookupError:
              print('no leaky codec')
          print(os.getpid() != 4242, os.path.exists('/tmp/left-behind'))
          print(open('/data/kept').read())
          """);
      assertThat(next).isEqualTo(new ExecResult("no leaky codec\nTrue False\non the mount\n".getBytes(UTF_8), new byte[0], 0));
    }
  }

  @Test
  void theSharedInterpreterKeepsWhatNoResetReaches() {
    // The default, for contrast: a library module's namespace written directly, and a codec search
    // function (kept in C by the interpreter), are seen by the next call.
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      python(ws, "import codecs, json\nvars(json)['dumps'] = lambda *a, **k: 'kept'\n"
          + "codecs.register(lambda name: codecs.lookup('utf-8') if name == 'leaky' else None)");
      assertThat(python(ws, "import codecs, json\nprint(json.dumps(1), codecs.lookup('leaky').name)").stdoutText())
          .isEqualTo("kept utf-8\n");
    }
  }

  private static ExecResult python(Workspace ws, String program) {
    return ws.execute("python3 <<'PY'\n" + program.strip() + "\nPY");
  }
}
