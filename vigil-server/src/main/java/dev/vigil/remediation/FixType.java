package dev.vigil.remediation;

import dev.vigil.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fix types Vigil hands out: the two SSG content carries for every platform it fixes. */
public enum FixType {
  BASH("bash", "text/x-shellscript", "sh"),
  ANSIBLE("ansible", "application/yaml", "yml");

  private final String code;
  private final String mediaType;
  private final String extension;

  FixType(String code, String mediaType, String extension) {
    this.code = code;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String code() {
    return code;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /**
   * The type named {@code code}, bash when null.
   *
   * @throws InvalidInputException naming the unsupported type and the supported ones
   */
  public static FixType parse(String code) {
    if (code == null || code.isBlank()) {
      return BASH;
    }
    for (FixType t : values()) {
      if (t.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    String shown = code.length() > 40 ? code.substring(0, 40) + "…" : code;
    throw new InvalidInputException(
        "type",
        "unsupported remediation type '"
            + shown.replaceAll("[^\\p{Print}]", "?")
            + "': use one of "
            + Arrays.stream(values()).map(FixType::code).collect(Collectors.joining(", ")));
  }
}
