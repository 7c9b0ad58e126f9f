package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the startup notice shows, and how it ends. */
class StartupNoticeTest {
  private static final String ERASE = "\r\u001b[K";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private String err() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A command that ends {@code millis} after it starts, with {@code result}. */
  private static CompletableFuture<String> command(long millis, String result) {
    return CompletableFuture.supplyAsync(() -> result, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  @Test
  void aReadyRuntimeShowsNothing() throws Exception {
    ready.complete(null);
    assertThat(new StartupNotice(ready, err, ERASE).await(command(400, "done"))).isEqualTo("done");
    assertThat(err()).isEmpty();
  }

  @Test
  void aQuickCommandShowsNothingWhileTheRuntimeStarts() throws Exception {
    assertThat(new StartupNotice(ready, err, ERASE).await(command(0, "done"))).isEqualTo("done");
    assertThat(err()).isEmpty();
  }

  @Test
  void aCommandWaitingForTheUserToTypeShowsNothingWhileTheRuntimeStarts() throws Exception {
    assertThat(new StartupNotice(ready, err, ERASE, () -> true).await(command(500, "done"))).isEqualTo("done");
    assertThat(err()).isEmpty();
  }

  @Test
  void aCommandWaitingForTheStartShowsTheNoticeUntilTheRuntimeIsReady() throws Exception {
    CompletableFuture.delayedExecutor(600, TimeUnit.MILLISECONDS).execute(() -> ready.complete(null));
    assertThat(new StartupNotice(ready, err, ERASE).await(command(800, "done"))).isEqualTo("done");
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime... ready\n");
  }

  @Test
  void aSlowCommandThatEndsBeforeTheRuntimeIsReadyErasesTheNotice() throws Exception {
    assertThat(new StartupNotice(ready, err, ERASE).await(command(500, "done"))).isEqualTo("done");
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime..." + ERASE);
  }

  @Test
  void aTerminalThatCannotEraseEndsTheNoticesLine() throws Exception {
    assertThat(new StartupNotice(ready, err, null).await(command(500, "done"))).isEqualTo("done");
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime...\n");
  }

  @Test
  void aRuntimeThatCannotStartErasesTheNotice() throws Exception {
    CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS).execute(() -> ready.completeExceptionally(new IllegalStateException()));
    assertThat(new StartupNotice(ready, err, ERASE).await(command(800, "failed"))).isEqualTo("failed");
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime..." + ERASE);
  }

  @Test
  void aCancelledCommandErasesTheNoticeAndIsReportedCancelled() {
    CompletableFuture<String> command = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS).execute(() -> command.cancel(true));
    assertThatThrownBy(() -> new StartupNotice(ready, err, ERASE).await(command)).isInstanceOf(CancellationException.class);
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime..." + ERASE);
  }

  @Test
  void outputOfTheCommandErasesTheNoticeFirstAndKeepsItAway() throws Exception {
    StartupNotice notice = new StartupNotice(ready, err, ERASE);
    notice.begin();
    OutputStream screen = notice.before(err);
    CompletableFuture<String> command = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS).execute(() -> {
      try {
        screen.write("hello\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.complete("done");
    });
    assertThat(notice.await(command)).isEqualTo("done");
    assertThat(err()).isEqualTo("mirage4j: starting the Python runtime..." + ERASE + "hello\n");
  }

  @Test
  void aCommandThatWroteBeforeTheDelayShowsNoNotice() throws Exception {
    StartupNotice notice = new StartupNotice(ready, err, ERASE);
    notice.begin();
    notice.before(err).write("hello\n".getBytes(StandardCharsets.UTF_8));
    assertThat(notice.await(command(400, "done"))).isEqualTo("done");
    assertThat(err()).isEqualTo("hello\n");
  }
}
