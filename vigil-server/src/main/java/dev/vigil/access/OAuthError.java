package dev.vigil.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The OAuth error body of {@code /oauth/token} and of a 401 (API.md §2): {@code {"error":
 * "invalid_grant", "error_description": "Bad credentials"}}.
 */
@Schema(name = "OAuthError")
public record OAuthError(
    String error, @JsonProperty("error_description") String errorDescription) {}
