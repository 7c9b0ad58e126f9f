package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.builtins.sed.Executor;
import io.mirage4j.shell.builtins.sed.Script;
import io.mirage4j.shell.builtins.sed.ScriptParser;
import io.mirage4j.shell.builtins.sed.SedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code sed [-n] [-E|-r] [-s] [-z] [-i[SUFFIX]] [-l N] {-e SCRIPT|-f FILE|SCRIPT} [FILE|-]...}:
 * GNU sed's options, messages and exit statuses (1 for a bad script or option, 2 when an input
 * could not be read, 4 for a missing label or an input that is a directory). The language is in
 * {@link io.mirage4j.shell.builtins.sed}; this class reads the options, feeds the inputs line by
 * line and writes {@code -i} results through the workspace: into a temporary file beside the
 * original, renamed over it at the end.
 */
final class Sed extends Coreutil {
  private static final String USAGE = """
      Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

        -n, --quiet, --silent
                       suppress automatic printing of pattern space
            --debug
                       annotate program execution
        -e script, --expression=script
                       add the script to the commands to be executed
        -f script-file, --file=script-file
                       add the contents of script-file to the commands to be executed
        --follow-symlinks
                       follow symlinks when processing in place
        -i[SUFFIX], --in-place[=SUFFIX]
                       edit files in place (makes backup if SUFFIX supplied)
        -l N, --line-length=N
                       specify the desired line-wrap length for the `l' command
        --posix
                       disable all GNU extensions.
        -E, -r, --regexp-extended
                       use extended regular expressions in the script
                       (for portability use POSIX -E).
        -s, --separate
                       consider files as separate rather than as a single,
                       continuous long stream.
            --sandbox
                       operate in sandbox mode (disable e/r/w commands).
        -u, --unbuffered
                       load minimal amounts of data from the input files and flush
                       the output buffers more often
        -z, --null-data
                       separate lines by NUL characters
            --help     display this help and exit
            --version  output version information and exit

      If no -e, --expression, -f, or --file option is given, then the first
      non-option argument is taken as the sed script to interpret.  All
      remaining arguments are names of input files; if no input files are
      specified, then the standard input is read.

      GNU sed home page: <https://www.gnu.org/software/sed/>.
      General help using GNU software: <https://www.gnu.org/gethelp/>.
      """;
  private static final int FLUSH_AT = 1 << 16;

  private static final String[] LONGS = {"quiet", "silent", "debug", "expression", "file", "follow-symlinks",
      "in-place", "line-length", "posix", "regexp-extended", "separate", "sandbox", "unbuffered", "null-data",
      "help", "version", "zero-terminated"};

  /** The options as read. */
  private static final class Options {
    boolean quiet;
    boolean extended;
    boolean separate;
    boolean nul;
    boolean inPlace;
    String suffix = "";
    long lineLength = 70;
    final List<ScriptParser.Piece> pieces = new ArrayList<>();
    final List<String> operands = new ArrayList<>();
  }

  /** An input sed cannot go on after (a directory): reported already, it ends sed with status 4. */
  private static final class Panic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Panic() {
      super("panic", null, false, false);
    }
  }

  /** A bad command line; {@code message} null means the usage alone. */
  private static final class BadUsage extends Exception {
    private static final long serialVersionUID = 1L;

    BadUsage(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Options o;
    try {
      o = options(t, args);
    } catch (BadUsage e) {
      if (e.getMessage() != null) {
        t.error(e.getMessage());
      }
      t.ctx().stderr().write(USAGE.getBytes(StandardCharsets.UTF_8));
      return 1;
    } catch (SedException e) {
      t.error(e.getMessage());
      return e.status();
    }
    if (o == null) {
      return 0;
    }
    Script script;
    try {
      script = ScriptParser.parse(o.pieces, new ScriptParser.Options(o.extended));
    } catch (SedException e) {
      t.error(e.getMessage());
      return e.status();
    }
    if (o.inPlace && o.operands.isEmpty()) {
      t.error("no input files");
      return 4;
    }
    Run run = new Run(t, o, script);
    try {
      return run.all();
    } catch (Executor.NoPreviousRegex e) {
      t.error(e.getMessage());
      return 1;
    } catch (Panic e) {
      return 4;
    }
  }

  private static Options options(Tool t, List<String> args) throws BadUsage, SedException, IOException {
    Options o = new Options();
    List<String> rest = new ArrayList<>();
    boolean sawScript = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        rest.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = a.substring(2, eq < 0 ? a.length() : eq);
        String value = eq < 0 ? null : a.substring(eq + 1);
        List<String> found = new ArrayList<>();
        for (String l : LONGS) {
          if (l.equals(name)) {
            found = List.of(l);
            break;
          }
          if (l.startsWith(name)) {
            found.add(l);
          }
        }
        if (found.isEmpty()) {
          throw new BadUsage("unrecognized option '" + a + "'");
        }
        if (found.size() > 1) {
          StringBuilder sb = new StringBuilder("option '" + a + "' is ambiguous; possibilities:");
          found.forEach(f -> sb.append(" '--").append(f).append('\''));
          throw new BadUsage(sb.toString());
        }
        String full = found.get(0);
        boolean needsValue = full.equals("expression") || full.equals("file") || full.equals("line-length");
        if (needsValue && value == null) {
          if (i + 1 >= args.size()) {
            throw new BadUsage("option '--" + full + "' requires an argument");
          }
          value = args.get(++i);
        } else if (!needsValue && value != null && !full.equals("in-place")) {
          throw new BadUsage("option '--" + full + "' doesn't allow an argument");
        }
        switch (full) {
          case "quiet", "silent" -> o.quiet = true;
          case "expression" -> {
            o.pieces.add(new ScriptParser.Piece(value, null));
            sawScript = true;
          }
          case "file" -> {
            o.pieces.add(scriptFile(t, value));
            sawScript = true;
          }
          case "in-place" -> {
            o.inPlace = true;
            o.separate = true;
            o.suffix = value == null ? "" : value;
          }
          case "line-length" -> o.lineLength = lineLength(value);
          case "regexp-extended" -> o.extended = true;
          case "separate" -> o.separate = true;
          case "null-data", "zero-terminated" -> o.nul = true;
          case "help" -> {
            t.print(USAGE);
            return null;
          }
          case "version" -> {
            t.print("sed (GNU sed) 4.9\n");
            return null;
          }
          default -> {
            // --posix, --debug, --sandbox, --unbuffered, --follow-symlinks: nothing to change here
          }
        }
        continue;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        rest.add(a);
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        switch (c) {
          case 'n' -> o.quiet = true;
          case 'E', 'r' -> o.extended = true;
          case 's' -> o.separate = true;
          case 'z' -> o.nul = true;
          case 'u' -> {
            // unbuffered: output is flushed at the end of each input anyway
          }
          case 'i' -> {
            o.inPlace = true;
            o.separate = true;
            o.suffix = a.substring(j + 1);
            j = a.length();
          }
          case 'e', 'f', 'l' -> {
            String value;
            if (j + 1 < a.length()) {
              value = a.substring(j + 1);
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              throw new BadUsage("option requires an argument -- '" + c + "'");
            }
            j = a.length();
            if (c == 'e') {
              o.pieces.add(new ScriptParser.Piece(value, null));
              sawScript = true;
            } else if (c == 'f') {
              o.pieces.add(scriptFile(t, value));
              sawScript = true;
            } else {
              o.lineLength = lineLength(value);
            }
          }
          default -> throw new BadUsage("invalid option -- '" + c + "'");
        }
      }
    }
    if (!sawScript) {
      if (rest.isEmpty()) {
        throw new BadUsage(null);
      }
      o.pieces.add(new ScriptParser.Piece(rest.remove(0), null));
    }
    o.operands.addAll(rest);
    return o;
  }

  private static long lineLength(String value) throws BadUsage {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadUsage("invalid line length: " + value);
  }

  private static ScriptParser.Piece scriptFile(Tool t, String name) throws SedException, IOException {
    try {
      byte[] data = name.equals("-") ? t.readStdin() : t.read(name);
      return new ScriptParser.Piece(new String(data, StandardCharsets.UTF_8), name);
    } catch (ResourceException e) {
      throw new SedException("couldn't open file " + name + ": " + Tool.message(e), SedException.PANIC);
    }
  }

  /** One run over the inputs. */
  private static final class Run implements Executor.Files {
    private final Tool t;
    private final Options o;
    private final Script script;
    private final Executor executor;
    private final char delimiter;
    private final Map<String, StringBuilder> written = new LinkedHashMap<>();
    private ByteArrayOutputStream inPlaceOut;
    private String inPlaceTemp;
    private int status;

    Run(Tool t, Options o, Script script) {
      this.t = t;
      this.o = o;
      this.script = script;
      this.delimiter = o.nul ? '\0' : '\n';
      this.executor = new Executor(script, o.quiet, o.lineLength, delimiter, this);
    }

    int all() throws IOException {
      for (String f : script.writeFiles()) {
        if (!f.equals("/dev/stdout") && !f.equals("/dev/stderr")) {
          try {
            t.writeFile(f, new byte[0], false);
            written.put(f, new StringBuilder());
          } catch (ResourceException e) {
            t.error("couldn't open file " + f + ": " + Tool.message(e));
            return 4;
          }
        }
      }
      try {
        List<String> inputs = o.operands.isEmpty() ? List.of("-") : o.operands;
        if (!o.separate) {
          executor.process(new InputLines(inputs));
        } else {
          for (String input : inputs) {
            executor.restartLineNumbers();
            boolean more = o.inPlace ? inPlace(input) : executor.process(new InputLines(List.of(input)));
            if (!more) {
              break;
            }
          }
        }
      } finally {
        flushWritten();
      }
      return executor.exitStatus() != 0 ? executor.exitStatus() : status;
    }

    private boolean inPlace(String input) throws IOException {
      String path;
      try {
        path = t.resolve(input);
        FileStat st = t.fs().stat(path);
        if (!st.isFile()) {
          t.error("couldn't edit " + input + ": not a regular file");
          throw new Panic();
        }
      } catch (ResourceException e) {
        t.error("can't read " + input + ": " + Tool.message(e));
        status = 2;
        return true;
      }
      String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
      inPlaceTemp = (dir.equals("/") ? "" : dir) + "/sed" + randomSuffix();
      try {
        t.fs().write(inPlaceTemp, new byte[0]);
      } catch (ResourceException e) {
        String shown = (input.contains("/") ? input.substring(0, input.lastIndexOf('/') + 1) : "./")
            + inPlaceTemp.substring(inPlaceTemp.lastIndexOf('/') + 1);
        t.error("couldn't open temporary file " + shown + ": " + Tool.message(e));
        inPlaceTemp = null;
        status = 4;
        return false;
      }
      inPlaceOut = new ByteArrayOutputStream();
      boolean more;
      try {
        more = executor.process(new InputLines(List.of(input)));
        flushInPlace();
      } catch (IOException | RuntimeException e) {
        inPlaceOut = null;
        try {
          t.fs().delete(inPlaceTemp);
        } catch (ResourceException ignored) {
          // the temporary file is gone already
        }
        throw e;
      }
      inPlaceOut = null;
      if (!o.suffix.isEmpty()) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        String backup = o.suffix.contains("*") ? o.suffix.replace("*", base) : base + o.suffix;
        String backupPath = backup.contains("/") ? t.resolve(backup) : path.substring(0, path.lastIndexOf('/') + 1) + backup;
        t.fs().rename(path, backupPath);
      }
      t.fs().rename(inPlaceTemp, path);
      return more;
    }

    private static String randomSuffix() {
      String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        sb.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
      }
      return sb.toString();
    }

    private void flushInPlace() {
      if (inPlaceOut != null && inPlaceOut.size() > 0) {
        t.fs().append(inPlaceTemp, inPlaceOut.toByteArray());
        inPlaceOut.reset();
      }
    }

    private void flushWritten() throws IOException {
      for (Map.Entry<String, StringBuilder> e : written.entrySet()) {
        if (e.getValue().length() > 0) {
          t.writeFile(e.getKey(), e.getValue().toString().getBytes(StandardCharsets.UTF_8), true);
          e.getValue().setLength(0);
        }
      }
    }

    @Override
    public void out(String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (inPlaceOut != null) {
        inPlaceOut.write(bytes);
        if (inPlaceOut.size() >= FLUSH_AT) {
          flushInPlace();
        }
      } else {
        t.write(bytes);
      }
    }

    @Override
    public void write(String file, String text) throws IOException {
      if (file.equals("/dev/stderr")) {
        t.flush();
        t.ctx().stderr().write(text.getBytes(StandardCharsets.UTF_8));
        return;
      }
      StringBuilder sb = written.get(file);
      sb.append(text);
      if (sb.length() >= FLUSH_AT) {
        t.writeFile(file, sb.toString().getBytes(StandardCharsets.UTF_8), true);
        sb.setLength(0);
      }
    }

    @Override
    public String read(String file) throws IOException {
      flushWritten();
      try {
        return new String(t.read(file), StandardCharsets.UTF_8);
      } catch (ResourceException e) {
        return null;
      }
    }

    @Override
    public Executor.Source lines(String file) throws IOException {
      try {
        InputStream in = t.open(file);
        Lines.Source src = Lines.of(in, (byte) delimiter);
        return new Executor.Source() {
          @Override
          public Executor.Line next() throws IOException {
            Lines.Line l = src.next();
            return l == null ? null : new Executor.Line(l.text(), l.terminated());
          }

          @Override
          public boolean atEnd() {
            return false;
          }

          @Override
          public String fileName() {
            return file;
          }
        };
      } catch (ResourceException e) {
        return null;
      }
    }

    /**
   * The lines of the inputs in turn, the next one read only when asked whether there is one; a
   * missing input is reported and skipped.
   */
    private final class InputLines implements Executor.Source {
      private final List<String> inputs;
      private int nextInput;
      private Lines.Source current;
      private InputStream currentStream;
      private String currentName = "-";
      private String aheadName = "-";
      private Executor.Line ahead;
      private boolean primed;
      private boolean peeking;
      private long count;

      InputLines(List<String> inputs) {
        this.inputs = inputs;
      }

      @Override
      public Executor.Line next() throws IOException {
        Executor.Line line = primed ? ahead : read();
        primed = false;
        ahead = null;
        currentName = aheadName;
        if ((++count & 1023) == 0 && Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException();
        }
        return line;
      }

      @Override
      public boolean atEnd() throws IOException {
        if (!primed) {
          String name = currentName;
          peeking = true;
          try {
            ahead = read();
          } finally {
            peeking = false;
          }
          primed = true;
          currentName = name;
        }
        return ahead == null;
      }

      @Override
      public String fileName() {
        return currentName;
      }

      private Executor.Line read() throws IOException {
        while (true) {
          if (current == null) {
            if (nextInput >= inputs.size()) {
              return null;
            }
            String name = inputs.get(nextInput++);
            if (!open(name)) {
              continue;
            }
          }
          Lines.Line l;
          try {
            l = current.next();
          } catch (ResourceException e) {
            t.error("read error on " + aheadName + ": " + Tool.message(e));
            status = 4;
            l = null;
          }
          if (l != null) {
            return new Executor.Line(l.text(), l.terminated());
          }
          if (currentStream != null && currentStream != t.stdin()) {
            currentStream.close();
          }
          current = null;
        }
      }

      private boolean open(String name) throws IOException {
        aheadName = name;
        if (name.equals("-")) {
          currentStream = t.stdin();
        } else {
          try {
            FileStat st = t.stat(name);
            if (st.isDirectory()) {
              currentStream = null;
              current = () -> {
                if (peeking) {
                  return null; // GNU sed's look for a last line skips what cannot be read
                }
                t.error("read error on " + name + ": Is a directory");
                throw new Panic();
              };
              return true;
            }
            currentStream = t.open(name);
          } catch (ResourceException e) {
            t.error("can't read " + name + ": " + Tool.message(e));
            status = Math.max(status, 2);
            return false;
          }
        }
        current = Lines.of(currentStream, (byte) delimiter);
        return true;
      }
    }
  }
}
