package dev.vigil.web.inventory;

import dev.vigil.inventory.CredentialType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Credential types in Morpheus's shape: a short {@link Ref} inside a credential, the full {@link
 * Full} record with the option types {@code credentials add} prompts for.
 */
final class CredentialTypeJson {

  private static final String CONTEXT = "credential";

  private CredentialTypeJson() {}

  /** {@code {id, code, name}}, as a credential's {@code type}. */
  @Schema(name = "CredentialTypeRef")
  record Ref(long id, String code, String name) {}

  /** {@code GET /api/credential-types}. */
  @Schema(name = "CredentialTypeList")
  record TypeList(List<Full> credentialTypes, dev.vigil.web.Meta meta) {}

  /** {@code GET /api/credential-types/{id}}. */
  @Schema(name = "CredentialTypeOne")
  record TypeOne(Full credentialType) {}

  /** {@code GET /api/options/credentialIntegrations}: no external credential stores. */
  record CredentialStores(boolean success, List<Full> data) {}

  /** The full type record. */
  @Schema(name = "CredentialType")
  record Full(
      long id,
      String code,
      String name,
      String description,
      boolean enabled,
      boolean creatable,
      List<OptionType> optionTypes) {}

  /** One field the client prompts for. */
  record OptionType(
      String fieldName,
      String fieldLabel,
      String fieldContext,
      String type,
      boolean required,
      int displayOrder) {}

  static Ref ref(CredentialType t) {
    return new Ref(t.id(), t.code(), t.label());
  }

  static Full full(CredentialType t) {
    return new Full(t.id(), t.code(), t.label(), null, true, true, optionTypes(t));
  }

  /** True when a name filter matches the type's name or its code (the CLI looks up by code). */
  static boolean matchesName(CredentialType t, String name) {
    return name == null || t.label().equalsIgnoreCase(name) || t.code().equalsIgnoreCase(name);
  }

  static boolean matchesPhrase(CredentialType t, String phrase) {
    String p = phrase == null ? "" : phrase.toLowerCase();
    return t.label().toLowerCase().contains(p) || t.code().contains(p);
  }

  private static List<OptionType> optionTypes(CredentialType t) {
    OptionType username = field("username", "Username", "text", true, 10);
    return switch (t) {
      case USERNAME_KEYPAIR ->
          List.of(
              username,
              field("privateKey", "Private Key", "textarea", true, 20),
              field("passphrase", "Passphrase", "password", false, 30));
      case USERNAME_PASSWORD ->
          List.of(username, field("password", "Password", "password", true, 20));
    };
  }

  private static OptionType field(
      String name, String label, String type, boolean required, int order) {
    return new OptionType(name, label, CONTEXT, type, required, order);
  }
}
