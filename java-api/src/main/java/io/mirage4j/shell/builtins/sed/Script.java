package io.mirage4j.shell.builtins.sed;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled sed script: its commands in order, blocks and branches resolved to indexes into the
 * list, and the files its {@code w} commands write.
 *
 * <pre>{@code
 * Script script = ScriptParser.parse(List.of(new ScriptParser.Piece("/x/{s//y/g;p}", false)), options);
 * script.commands().size(); // 4: the block, s, p and the block's end
 * }</pre>
 *
 * @param commands the commands
 * @param quiet whether the script starts with {@code #n}, which means {@code -n}
 * @param writeFiles the names of the files {@code w} writes, truncated before the first line
 */
public record Script(List<Command> commands, boolean quiet, List<String> writeFiles) {

  /** The kinds of address. */
  public enum AddressKind { LINE, LAST, REGEX, STEP, PLUS, MULTIPLE, ZERO }

  /**
   * One address: {@code 3}, {@code $}, {@code /re/}, {@code first~step}, or as a second address
   * {@code +N}, {@code ~N}; {@code 0} only before {@code ,/re/}.
   *
   * <pre>{@code
   * new Script.Address(Script.AddressKind.LINE, 3, 0, null); // line 3
   * }</pre>
   *
   * @param regex the address's expression; null is "the last one used" for {@code //}
   */
  public record Address(AddressKind kind, long n, long step, Regex regex) {}

  /**
   * A regular expression as written and compiled; {@code pattern} is null for the empty one,
   * which means the last expression used.
   *
   * <pre>{@code
   * new Script.Regex(Pattern.compile("a+"), "a\\+");
   * }</pre>
   */
  public record Regex(Pattern pattern, String source) {}

  /**
   * The parts of an {@code s} replacement: literal text, a group ({@code &} is 0), or a case
   * conversion ({@code U L u l E}).
   *
   * <pre>{@code
   * new Script.Part(null, 1, (char) 0); // \1
   * }</pre>
   */
  public record Part(String text, int group, char caseOp) {}

  /**
   * An {@code s} command's expression, replacement and flags.
   *
   * <pre>{@code
   * // s/a/b/2g
   * }</pre>
   *
   * @param occurrence which match to replace (1 for the first), and with {@code global} those after
   * @param writeFile the file {@code w} writes to, or null
   */
  public record Substitution(Regex regex, List<Part> replacement, boolean global, int occurrence,
      boolean print, String writeFile) {}

  /**
   * One command: its addresses (null when absent), {@code !}, its letter and its argument.
   *
   * <pre>{@code
   * // 1,/end/!d
   * }</pre>
   *
   * @param text the text of {@code a i c}, the label of {@code b t T :}, the file of {@code r R w W}
   * @param number the exit status of {@code q Q}, the width of {@code l} (-1 when not given)
   * @param jump for <code>&#123;</code> the index after its block's end; for {@code b t T} the label's index
   *     (-1: the end of the script)
   * @param from for {@code y}, the characters mapped to {@code to}'s
   */
  public record Command(Address a1, Address a2, boolean negated, char name, String text, long number,
      Substitution subst, String from, String to, int jump, int index) {

    Command withJump(int target) {
      return new Command(a1, a2, negated, name, text, number, subst, from, to, target, index);
    }
  }
}
