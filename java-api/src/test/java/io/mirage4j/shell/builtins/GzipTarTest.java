package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code gzip gunzip zcat tar}: round trips, GNU's messages, and extraction that stays in its directory. */
class GzipTarTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/a.txt", "hello\n");
    data.mkdir("/src");
    data.mkdir("/src/sub");
    file("/src/one", "1\n");
    file("/src/sub/two", "2\n");
  }

  @Test
  void gzipWritesAHeaderWithTheNameAndTheModificationTime() throws IOException {
    run("gzip -k a.txt");
    byte[] gz = data.read("/a.txt.gz");
    assertThat(gz[0] & 0xff).isEqualTo(0x1f);
    assertThat(gz[1] & 0xff).isEqualTo(0x8b);
    assertThat(gz[3]).isEqualTo((byte) 0x08);
    long mtime = (gz[4] & 0xffL) | (gz[5] & 0xffL) << 8 | (gz[6] & 0xffL) << 16 | (gz[7] & 0xffL) << 24;
    assertThat(mtime).isEqualTo(data.stat("/a.txt").modified().getEpochSecond());
    assertThat(new String(gz, 10, 6, StandardCharsets.ISO_8859_1)).isEqualTo("a.txt\0");
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
    }
    expect("gzip -n -c a.txt | gzip -dc", "hello\n");
  }

  @Test
  void gzipAndGunzipRoundTripAndReportLikeGnuGzip() {
    expect("gzip a.txt; ls; gunzip a.txt.gz; cat a.txt", "a.txt.gz\nsrc\nhello\n");
    expect("gzip -d a.txt", "", "gzip: a.txt: unknown suffix -- ignored\n", 2);
    expect("echo x | gzip -d", "", "\ngzip: stdin: not in gzip format\n", 1);
    expect("gzip -k a.txt; gzip a.txt", "", "gzip: a.txt.gz already exists;\tnot overwritten\n", 2);
  }

  @Test
  void tarRoundTripsATreeWithAndWithoutGzip() {
    expect("tar -czf t.tgz src && mkdir o && tar -xzf t.tgz -C o && cat o/src/one o/src/sub/two", "1\n2\n");
    expect("tar -tf t.tgz", "src/\nsrc/one\nsrc/sub/\nsrc/sub/two\n");
    assertThat(new String(run("tar -tvf t.tgz src/one").stdout(), StandardCharsets.UTF_8))
        .matches("-rw-r--r-- root/root {9}2 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d src/one\n");
  }

  @Test
  void extractionStaysUnderItsDirectory() throws IOException {
    file("/evil.tar", archive("../escaped", "/abs", "a/../../inside-dots", "ok"));
    data.mkdir("/out");
    data.mkdir("/out/deep");
    expect("tar -xf evil.tar -C out/deep; echo $?", "2\n",
        "tar: Removing leading `../' from member names\n"
            + "tar: ../escaped: Member name contains '..'\n"
            + "tar: Removing leading `/' from member names\n"
            + "tar: Removing leading `a/../../' from member names\n"
            + "tar: a/../../inside-dots: Member name contains '..'\n"
            + "tar: Exiting with failure status due to previous errors\n", 0);
    assertThat(exists("/out/deep/escaped")).isFalse();
    assertThat(content("/out/deep/abs")).isEqualTo("x");
    assertThat(content("/out/deep/ok")).isEqualTo("x");
    assertThat(exists("/out/escaped")).isFalse();
    assertThat(exists("/escaped")).isFalse();
    assertThat(exists("/inside-dots")).isFalse();
    assertThat(exists("/out/inside-dots")).isFalse();
    expect("echo next", "next\n");
  }

  private static byte[] archive(String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (String name : names) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(1);
        out.putArchiveEntry(e);
        out.write('x');
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
