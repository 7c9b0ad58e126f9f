package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python sees the mode each mount's resource reports, through a real sidecar: {@code os.stat},
 * {@code os.scandir}, {@code os.access} and {@code os.chmod} agree with the shell's {@code test -x}
 * and {@code ls -l}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FileModesIT {
  private static final String MODES = "import os, stat; "
      + "print(*(oct(os.stat(p).st_mode) for p in ('plain', 'run.sh', 'dir')), "
      + "*(os.access(p, os.X_OK) for p in ('plain', 'run.sh', 'dir')), "
      + "bool(stat.S_IXUSR & os.stat('run.sh').st_mode), "
      + "sorted((e.name, oct(e.stat().st_mode)) for e in os.scandir('.')))";

  private static ExecResult run(Workspace ws, String line) {
    return ws.execute(line, ExecOptions.defaults().withCwd("/data"));
  }

  @Test
  void inMemoryModesAreTheDefaultsUntilChmodSetsOne() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      run(ws, "mkdir dir; touch plain run.sh; chmod 750 run.sh");
      ExecResult r = run(ws, "python3 -c \"" + MODES + "\"");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("0o100644 0o100750 0o40755 False True True True "
          + "[('dir', '0o40755'), ('plain', '0o100644'), ('run.sh', '0o100750')]\n");
    }
  }

  @Test
  void hostDirectoryModesAreTheRealOnes(@TempDir Path host) throws Exception {
    Files.createDirectory(host.resolve("dir"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(host.resolve("plain"), "x");
    Files.setPosixFilePermissions(host.resolve("plain"), PosixFilePermissions.fromString("rw-r-----"));
    Files.writeString(host.resolve("run.sh"), "echo hi\n");
    Files.setPosixFilePermissions(host.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Workspace ws = Workspace.builder().mount("/data", Resources.localDir(host)).build()) {
      ExecResult r = run(ws, "python3 -c \"" + MODES + "\"");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("0o100640 0o100755 0o40700 False True True True "
          + "[('dir', '0o40700'), ('plain', '0o100640'), ('run.sh', '0o100755')]\n");
      assertThat(run(ws, "test -x run.sh && echo x; ls -l plain | cut -c1-10").stdoutText()).isEqualTo("x\n-rw-r-----\n");
    }
  }

  @Test
  void osChmodSetsTheModeThroughTheResourceAndTheShellSeesIt(@TempDir Path host) throws Exception {
    Files.writeString(host.resolve("tool"), "x");
    Files.setPosixFilePermissions(host.resolve("tool"), PosixFilePermissions.fromString("rw-r--r--"));
    InMemoryResource ram = Resources.inMemory();
    ram.write("/tool", "x".getBytes(UTF_8));
    try (Workspace ws = Workspace.builder().mount("/data", ram).mount("/host", Resources.localDir(host)).build()) {
      ExecResult r = run(ws, "python3 -c 'import os\n"
          + "for p in (\"tool\", \"/host/tool\"):\n"
          + "    os.chmod(p, 0o755)\n"
          + "    print(oct(os.stat(p).st_mode), os.access(p, os.X_OK))\n"
          + "'; test -x tool && echo mem-x; test -x /host/tool && echo host-x; ls -l tool /host/tool | cut -c1-10");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("0o100755 True\n0o100755 True\nmem-x\nhost-x\n-rwxr-xr-x\n-rwxr-xr-x\n");
      assertThat(ram.permissions("/tool")).isEqualTo(0755);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.resolve("tool")))).isEqualTo("rwxr-xr-x");

      ExecResult next = run(ws, "python3 -c 'import os; os.chmod(\"tool\", 0o600); print(oct(os.stat(\"tool\").st_mode))'; ls -l tool | cut -c1-10");
      assertThat(next.stdoutText()).isEqualTo("0o100600\n-rw-------\n");
    }
  }

  @Test
  void aFileTheProgramWroteTakesItsChmodAtOnceAndKeepsItAfterTheCall() {
    InMemoryResource ram = Resources.inMemory();
    try (Workspace ws = Workspace.builder().mount("/data", ram).build()) {
      ExecResult r = run(ws, "python3 -c 'import os\n"
          + "with open(\"new.sh\", \"w\") as f: f.write(\"echo hi\")\n"
          + "print(oct(os.stat(\"new.sh\").st_mode))\n"
          + "os.chmod(\"new.sh\", 0o700)\n"
          + "print(oct(os.stat(\"new.sh\").st_mode), os.access(\"new.sh\", os.X_OK))\n"
          + "'; ls -l new.sh | cut -c1-10");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("0o100644\n0o100700 True\n-rwx------\n");
      assertThat(ram.permissions("/new.sh")).isEqualTo(0700);
    }
  }

  @Test
  void aReadOnlyMountRefusesChmodAndWriteAccessAndANonExecMountRefusesExecute() {
    InMemoryResource ro = Resources.inMemory();
    ro.write("/tool", "x".getBytes(UTF_8));
    ro.setPermissions("/tool", 0755);
    InMemoryResource rw = Resources.inMemory();
    rw.write("/tool", "x".getBytes(UTF_8));
    rw.setPermissions("/tool", 0755);
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory())
        .mount("/ro", ro, Mode.READ).mount("/rw", rw, Mode.WRITE).build()) {
      ExecResult r = run(ws, "python3 -c 'import os\n"
          + "print(os.access(\"/ro/tool\", os.R_OK), os.access(\"/ro/tool\", os.W_OK), os.access(\"/ro/tool\", os.X_OK))\n"
          + "print(os.access(\"/rw/tool\", os.W_OK), os.access(\"/rw/tool\", os.X_OK), os.access(\"/rw/missing\", os.F_OK))\n"
          + "try:\n"
          + "    os.chmod(\"/ro/tool\", 0o644)\n"
          + "except OSError as e:\n"
          + "    print(e)\n"
          + "'; test -x /rw/tool || echo rw-not-x; test -w /ro/tool || echo ro-not-w");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("True False False\nTrue False False\n"
          + "[Errno 69] Read-only file system: '/ro/tool'\nrw-not-x\nro-not-w\n");
      assertThat(ro.permissions("/tool")).isEqualTo(0755);
    }
  }

  @Test
  void chmodKeepsOnlyThePermissionBitsAsLinuxDoes() {
    InMemoryResource ram = Resources.inMemory();
    ram.write("/tool", "x".getBytes(UTF_8));
    try (Workspace ws = Workspace.builder().mount("/data", ram).build()) {
      ExecResult r = run(ws, "python3 -c 'import os\n"
          + "try:\n"
          + "    os.chmod(\"tool\", 0o170755)\n"
          + "except OSError as e:\n"
          + "    print(type(e).__name__, e.errno)\n"
          + "print(oct(os.stat(\"tool\").st_mode))\n"
          + "'");
      assertThat(r.stderrText()).isEmpty();
      // CPython on Linux ignores the file-type bits of a chmod mode: only the low 12 bits count.
      assertThat(r.stdoutText()).isEqualTo("0o100755\n");
      assertThat(ram.permissions("/tool")).isEqualTo(0755);
    }
  }
}
