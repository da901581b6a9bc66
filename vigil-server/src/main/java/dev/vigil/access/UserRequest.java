package dev.vigil.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fields of a user create or update; null means "not given" (kept on update). Lengths are checked
 * by Bean Validation; the rest (required, unique, known roles) by {@link UserValidation}.
 */
@Schema(name = "UserRequest")
public record UserRequest(
    @Size(max = 100, message = "must be at most 100 characters") @Nullable String username,
    @Size(max = 200, message = "must be at most 200 characters") @Nullable String displayName,
    @Nullable String email,
    @Nullable String password,
    @Nullable Boolean enabled,
    @Nullable List<IdRef> roles) {

  /** A reference to a record by id: {@code {"id": 3}}. */
  @Schema(name = "UserRoleRef")
  record IdRef(@Nullable Long id) {}

  /** The request body {@code {"user": {...}}}. */
  @Schema(name = "UserBody")
  public record Body(@Valid @Nullable UserRequest user) {}
}
