package dev.vigil.inventory;

import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a server's fields (merged over the current server on update) and reports all at once. */
final class ServerValidator {

  static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._@-]{0,254}");

  private ServerValidator() {}

  /** The server's fields after validation. */
  record Fields(
      String name,
      String sshHost,
      int sshPort,
      @Nullable String sshUsername,
      @Nullable Long credentialId,
      PrivilegeMode privilegeMode,
      ConnectionType connectionType) {}

  static Fields validate(
      ServerInput in, @Nullable Server current, boolean nameTaken, LongPredicate credentialExists) {
    Map<String, String> errors = new LinkedHashMap<>();
    CommonFields.name(in.name(), current == null, nameTaken, errors);
    ConnectionType type = connectionType(in.connectionType(), current, errors);
    PrivilegeMode mode = privilegeMode(in.privilegeMode(), current, errors);
    String host = host(in.sshHost(), current, type, errors);
    int port = port(in.sshPort(), current, errors);
    String user = pick(in.sshUsername(), current == null ? null : current.sshUsername());
    if (user != null && !USER.matcher(user).matches()) {
      errors.put("sshUsername", "must be a user name without spaces or shell characters");
    }
    Long credential = credential(in, current, type, credentialExists, errors);
    if (in.hostKeyFingerprint() != null
        && !in.hostKeyFingerprint().isBlank()
        && !FINGERPRINT.matcher(in.hostKeyFingerprint().trim()).matches()) {
      errors.put("hostKeyFingerprint", "must be SHA256: followed by 43 base64 characters");
    }
    CommonFields.description(in.description(), errors);
    dev.vigil.inventory.Fields.labels(in.labels(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save server", errors);
    }
    String name = in.name() != null ? in.name().trim() : current != null ? current.name() : null;
    if (name == null || host == null || type == null || mode == null) {
      throw new IllegalStateException(
          "a validated server has no name, host, connection type or privilege mode");
    }
    return new Fields(name, host, port, user, credential, mode, type);
  }

  private static @Nullable ConnectionType connectionType(
      @Nullable String code, @Nullable Server current, Map<String, String> errors) {
    if (code == null || code.isBlank()) {
      return current == null ? ConnectionType.SSH : current.connectionType();
    }
    ConnectionType t = ConnectionType.fromCode(code.trim()).orElse(null);
    if (t == null) {
      errors.put("connectionType", "must be ssh or local");
    }
    return t;
  }

  private static @Nullable PrivilegeMode privilegeMode(
      @Nullable String code, @Nullable Server current, Map<String, String> errors) {
    if (code == null || code.isBlank()) {
      return current == null ? PrivilegeMode.ROOT : current.privilegeMode();
    }
    PrivilegeMode m = PrivilegeMode.fromCode(code.trim()).orElse(null);
    if (m == null) {
      errors.put("privilegeMode", "must be root or sudo");
    }
    return m;
  }

  private static @Nullable String host(
      @Nullable String given,
      @Nullable Server current,
      @Nullable ConnectionType type,
      Map<String, String> errors) {
    String host = given == null && current != null ? current.sshHost() : blankToNull(given);
    if (host == null) {
      if (type == ConnectionType.LOCAL) {
        return "localhost";
      }
      errors.put("sshHost", "is required");
      return null;
    }
    if (!validHost(host)) {
      errors.put("sshHost", "must be a host name or an IP address");
    }
    return host;
  }

  static boolean validHost(String host) {
    if (host.contains(":")) {
      if (!IPV6.matcher(host).matches()) {
        return false;
      }
      try {
        InetAddress.getByName(host);
        return true;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return HOST_NAME.matcher(host).matches();
  }

  private static int port(
      @Nullable String given, @Nullable Server current, Map<String, String> errors) {
    if (given == null || given.isBlank()) {
      return current == null ? 22 : current.sshPort();
    }
    try {
      int port = Integer.parseInt(given.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put("sshPort", "must be a number from 1 to 65535");
    return 0;
  }

  private static @Nullable Long credential(
      ServerInput in,
      @Nullable Server current,
      @Nullable ConnectionType type,
      LongPredicate exists,
      Map<String, String> errors) {
    Long id =
        in.credentialGiven() ? in.credentialId() : current == null ? null : current.credentialId();
    if (id != null && id <= 0) {
      id = null;
    }
    if (id != null && !exists.test(id)) {
      errors.put("credential", "not found (id " + id + ")");
    } else if (id == null && type == ConnectionType.SSH) {
      errors.put("credential", "is required for an ssh server");
    }
    return id;
  }

  private static @Nullable String pick(@Nullable String given, @Nullable String current) {
    return given == null ? current : blankToNull(given);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
