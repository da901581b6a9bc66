package dev.vigil.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, checks, refreshes and revokes API tokens; only their sha256 hashes are stored. */
@Service
public class TokenService {

  public static final Set<String> CLIENTS = Set.of("morph-cli", "morph-api");

  private final TokenRepository tokens;
  private final AccessSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TokenService(TokenRepository tokens, AccessSettings settings, Clock clock) {
    this.tokens = tokens;
    this.settings = settings;
    this.clock = clock;
  }

  public TokenPair issue(long userId, String clientId) {
    String access = randomToken();
    String refresh = randomToken();
    Instant now = clock.instant();
    var ttl = new TokenRepository.TokenTtl(settings.accessTokenTtl(), settings.refreshTokenTtl());
    tokens.insert(userId, clientId, sha256(access), sha256(refresh), now, ttl);
    return new TokenPair(access, refresh, Math.max(0, settings.accessTokenTtl().toSeconds() - 1));
  }

  /** The id of the user owning a valid access token; throws naming why the token is invalid. */
  public long authenticate(String accessToken) {
    ApiToken token =
        tokens
            .findByAccessHash(sha256(accessToken))
            .orElseThrow(() -> new InvalidTokenException("unknown token"));
    if (token.revokedAt() != null) {
      throw new InvalidTokenException("token revoked");
    }
    if (!clock.instant().isBefore(token.accessExpiresAt())) {
      throw new InvalidTokenException("token expired");
    }
    return token.userId();
  }

  /** Exchanges a valid refresh token for a new pair and revokes the old pair. */
  @Transactional
  public TokenPair refresh(String refreshToken, String clientId) {
    ApiToken token =
        tokens
            .findByRefreshHash(sha256(refreshToken))
            .orElseThrow(() -> new InvalidTokenException("unknown refresh token"));
    if (token.revokedAt() != null || !clientId.equals(token.clientId())) {
      throw new InvalidTokenException("refresh token revoked or of another client");
    }
    if (!clock.instant().isBefore(token.refreshExpiresAt())) {
      throw new InvalidTokenException("refresh token expired");
    }
    if (!tokens.revoke(token.id(), clock.instant())) {
      throw new InvalidTokenException("refresh token already used");
    }
    return issue(token.userId(), clientId);
  }

  public int revokeAll(long userId) {
    return tokens.revokeAllOf(userId, clock.instant());
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
