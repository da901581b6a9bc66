package dev.vigil.scanning;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a connection test finds on a logged-in target: OS name, {@code oscap} version, root or
 * passwordless sudo, free space in the work directory, memory and CPU load. Used by the connection
 * test and the scan engine.
 */
public final class TargetProbe {

  /** Where temporary scan files go on a target; its free space is reported. */
  public static final String WORK_DIR = "/var/tmp";

  private static final String WRITABLE = "vigil-work-dir-writable";

  /** Runs one shell command on the target (over SSH or as a local process). */
  @FunctionalInterface
  public interface Commands {
    ExecResult run(String command) throws ScanFailure;
  }

  /**
   * The facts found; {@code error} and {@code reason} name the first failed check, null when all
   * passed.
   */
  public record Facts(
      @Nullable String os,
      @Nullable String oscapVersion,
      @Nullable String privilege,
      @Nullable Long diskTotal,
      @Nullable Long diskFree,
      @Nullable Long memTotal,
      @Nullable Long memFree,
      @Nullable Double cpuUsage,
      @Nullable FailureReason reason,
      @Nullable String error) {

    /** Throws the first failed check, for the scan engine. */
    public Facts orThrow() throws ScanFailure {
      if (error != null) {
        throw new ScanFailure(Objects.requireNonNull(reason, "reason"), error);
      }
      return this;
    }
  }

  private TargetProbe() {}

  /** Runs every check on {@code target} (named {@code serverName} in messages). */
  public static Facts check(Commands target, String serverName, boolean sudo) throws ScanFailure {
    return check(target, serverName, sudo, WORK_DIR);
  }

  /** Runs every check on {@code target}, with {@code workDir} as the scans' work directory. */
  public static Facts check(Commands target, String serverName, boolean sudo, String workDir)
      throws ScanFailure {
    String os = firstLine(target.run(". /etc/os-release 2>/dev/null; echo \"$PRETTY_NAME\""));
    ExecResult oscap =
        target.run("command -v oscap >/dev/null 2>&1 || exit 127; oscap --version 2>&1");
    String version = oscap.exitCode() == 0 ? firstLine(oscap) : null;
    String privilege = privilege(target, sudo);
    boolean writable = WRITABLE.equals(firstLine(target.run(writableCheck(workDir))));
    long[] disk = Probes.disk(target.run("df -Pk " + Shell.quote(workDir)).stdout());
    long[] mem = Probes.memory(target.run("cat /proc/meminfo").stdout());
    Double cpu = Probes.cpuUsage(target.run("cat /proc/loadavg; nproc").stdout());
    FailureReason reason = null;
    String error = null;
    if (version == null) {
      reason = FailureReason.OSCAP_MISSING;
      error = "oscap not installed on " + serverName;
    } else if (privilege == null) {
      reason = FailureReason.PRIVILEGE_MISSING;
      error = "needs root or passwordless sudo on " + serverName;
    } else if (!writable) {
      reason = FailureReason.WORK_DIR_UNWRITABLE;
      error =
          "work directory "
              + workDir
              + " on "
              + serverName
              + " is missing or not writable by the user";
    }
    return new Facts(os, version, privilege, disk[0], disk[1], mem[0], mem[1], cpu, reason, error);
  }

  /**
   * Creates and removes a directory in {@code workDir} as the login user (as a scan's run directory
   * is made), printing {@value #WRITABLE} when that worked: a read-only mount or a directory of
   * another user fails here, not only at the first scan.
   */
  static String writableCheck(String workDir) {
    return "t=$(mktemp -d "
        + Shell.quote(workDir + "/vigil-probe.XXXXXXXX")
        + " 2>/dev/null) && rmdir \"$t\" && echo "
        + WRITABLE;
  }

  /** "root", "sudo", or null when neither is available as needed. */
  private static @Nullable String privilege(Commands target, boolean sudo) throws ScanFailure {
    if ("0".equals(firstLine(target.run("id -u")))) {
      return "root";
    }
    if (sudo && target.run("sudo -n true").exitCode() == 0) {
      return "sudo";
    }
    return null;
  }

  private static @Nullable String firstLine(ExecResult r) {
    List<String> lines = r.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? null : lines.get(0);
  }
}
