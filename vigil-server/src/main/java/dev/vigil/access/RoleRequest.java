package dev.vigil.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Fields of a role create or update; null means "not given" (kept on update). */
@Schema(name = "RoleRequest")
public record RoleRequest(
    @Size(max = 100, message = "must be at most 100 characters") String name,
    @Size(max = 100, message = "must be at most 100 characters") String authority,
    String description,
    Map<String, String> permissions) {

  /** The name, falling back to Morpheus's {@code authority}. */
  String effectiveName() {
    return name != null ? name : authority;
  }

  /** The request body {@code {"role": {...}}}. */
  @Schema(name = "RoleBody")
  public record Body(@Valid RoleRequest role) {}
}
