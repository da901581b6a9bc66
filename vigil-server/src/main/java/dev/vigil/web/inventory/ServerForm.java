package dev.vigil.web.inventory;

import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import java.util.Arrays;
import java.util.List;

/** The add/edit server form's fields as typed (kept on error). */
record ServerForm(
    String name,
    String sshHost,
    String sshPort,
    String sshUsername,
    String credentialId,
    String privilegeMode,
    String connectionType,
    String hostKeyFingerprint,
    String labels,
    String description) {

  static ServerForm empty() {
    return new ServerForm("", "", "22", "", "", "root", "ssh", "", "", "");
  }

  static ServerForm of(Server s) {
    return new ServerForm(
        s.name(),
        s.sshHost(),
        Integer.toString(s.sshPort()),
        nz(s.sshUsername()),
        s.credentialId() == null ? "" : s.credentialId().toString(),
        s.privilegeMode().code(),
        s.connectionType().code(),
        s.hostKeyExpected() ? nz(s.hostKeyFingerprint()) : "",
        String.join(", ", s.labels()),
        nz(s.description()));
  }

  /** The input; on edit an empty fingerprint keeps the current pin rather than clearing it. */
  ServerInput toInput(boolean editing) {
    Long credential = null;
    try {
      credential =
          credentialId == null || credentialId.isBlank() ? null : Long.valueOf(credentialId);
    } catch (NumberFormatException e) {
      credential = -1L;
    }
    String fp = nz(hostKeyFingerprint);
    return new ServerInput(
        nz(name),
        nz(sshHost),
        nz(sshPort),
        nz(sshUsername),
        credential,
        true,
        privilegeMode,
        connectionType,
        editing && fp.isBlank() ? null : fp,
        labels(labels),
        nz(description));
  }

  static List<String> labels(String labels) {
    return labels == null
        ? List.of()
        : Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
