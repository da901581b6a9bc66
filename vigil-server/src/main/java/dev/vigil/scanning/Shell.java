package dev.vigil.scanning;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for building remote command lines from untrusted words. */
public final class Shell {

  private Shell() {}

  /** Quotes one word so that any POSIX shell reads it back unchanged. */
  public static String quote(String arg) {
    if (arg.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell word cannot contain a NUL character");
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /** Quotes every word and joins them with spaces into one command line. */
  public static String join(List<String> args) {
    return args.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
