package dev.vigil.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Fields of a role create or update; null means "not given" (kept on update). */
@Schema(name = "RoleRequest")
public record RoleRequest(
    @Size(max = 100, message = "must be at most 100 characters") @Nullable String name,
    @Size(max = 100, message = "must be at most 100 characters") @Nullable String authority,
    @Nullable String description,
    @Nullable Map<String, String> permissions) {

  /** The name, falling back to Morpheus's {@code authority}. */
  @Nullable String effectiveName() {
    return name != null ? name : authority;
  }

  /** The request body {@code {"role": {...}}}. */
  @Schema(name = "RoleBody")
  public record Body(@Valid @Nullable RoleRequest role) {}
}
