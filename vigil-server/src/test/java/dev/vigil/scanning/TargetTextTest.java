package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTextTest {

  @Test
  void escapesATerminalTitleSequenceAndKeepsNewlineAndTab() {
    assertThat(TargetText.inert("a\u001b]0;x\u0007b\n\tc")).isEqualTo("a\\x1b]0;x\\x07b\n\tc");
  }

  @Test
  void escapesCarriageReturnDeleteC1AndBidiOverrides() {
    assertThat(TargetText.inert("ok\rfake\u007f\u009b2J\u202eevil\u2066"))
        .isEqualTo("ok\\x0dfake\\x7f\\x9b2J\\u202eevil\\u2066");
  }

  @Test
  void leavesPlainTextAndNullAlone() {
    String plain = "OpenSCAP command line tool (oscap) 1.3.7 — ü ✓";
    assertThat(TargetText.inert(plain)).isSameAs(plain);
    assertThat(TargetText.inert(null)).isNull();
  }

  @Test
  void everyWayTargetTextEntersIsInert() {
    ExecResult r = new ExecResult(1, "out\u001b[2J", "err\u0007");
    assertThat(r.stdout()).isEqualTo("out\\x1b[2J");
    assertThat(r.stderrTail()).isEqualTo("err\\x07");
    ScanFailure f = new ScanFailure(FailureReason.SCANNER_FAILED, "oscap: \u001b]0;x\u0007");
    assertThat(f.getMessage()).isEqualTo("oscap: \\x1b]0;x\\x07");
    ConnectionReport c =
        ConnectionReport.stopped(true, null, true, FailureReason.OSCAP_MISSING, "no\u001bpe");
    assertThat(c.error()).isEqualTo("no\\x1bpe");
  }

  @Test
  void aFailureSaysItsReasonOnce() {
    assertThat(new HostKeyMismatch("SHA256:a", "SHA256:b", null).describe())
        .isEqualTo("host key mismatch: expected SHA256:a, got SHA256:b");
    assertThat(new ScanFailure(FailureReason.UNREACHABLE, "cannot reach h:22").describe())
        .isEqualTo("unreachable: cannot reach h:22");
  }
}
