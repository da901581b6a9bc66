package dev.vigil.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a successful {@code POST /oauth/token} (API.md §2), as the Morpheus client reads it:
 * {@code {"access_token": …, "refresh_token": …, "token_type": "bearer", "expires_in": 43199,
 * "scope": "write"}}.
 */
@Schema(name = "OAuthTokens")
public record OAuthTokens(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("refresh_token") String refreshToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") long expiresIn,
    String scope) {

  public static OAuthTokens of(TokenPair pair) {
    return new OAuthTokens(
        pair.accessToken(), pair.refreshToken(), "bearer", pair.expiresInSeconds(), "write");
  }
}
