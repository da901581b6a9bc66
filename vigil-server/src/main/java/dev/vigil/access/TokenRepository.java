package dev.vigil.access;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores API tokens by the sha256 of their values. */
@Repository
class TokenRepository {

  private static final String COLUMNS =
      "id, user_id, client_id, access_expires_at, refresh_expires_at, revoked_at";

  private final JdbcClient jdbc;

  TokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      long userId,
      String clientId,
      String accessHash,
      String refreshHash,
      Instant now,
      TokenTtl ttl) {
    jdbc.sql(
            "insert into api_tokens (user_id, client_id, access_hash, refresh_hash,"
                + " access_expires_at, refresh_expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(userId, clientId, accessHash, refreshHash)
        .param(ts(now.plus(ttl.access())))
        .param(ts(now.plus(ttl.refresh())))
        .param(ts(now))
        .update();
  }

  Optional<ApiToken> findByAccessHash(String hash) {
    return jdbc.sql("select " + COLUMNS + " from api_tokens where access_hash = ?")
        .param(hash)
        .query(TokenRepository::map)
        .optional();
  }

  Optional<ApiToken> findByRefreshHash(String hash) {
    return jdbc.sql("select " + COLUMNS + " from api_tokens where refresh_hash = ?")
        .param(hash)
        .query(TokenRepository::map)
        .optional();
  }

  /** Revokes one token pair; false when it was already revoked (a concurrent refresh won). */
  boolean revoke(long id, Instant now) {
    return jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
            .param(ts(now))
            .param(id)
            .update()
        == 1;
  }

  int revokeAllOf(long userId, Instant now) {
    return jdbc.sql("update api_tokens set revoked_at = ? where user_id = ? and revoked_at is null")
        .param(ts(now))
        .param(userId)
        .update();
  }

  private static ApiToken map(ResultSet rs, int row) throws SQLException {
    return new ApiToken(
        rs.getLong("id"),
        rs.getLong("user_id"),
        rs.getString("client_id"),
        requiredInstant(rs, "access_expires_at"),
        requiredInstant(rs, "refresh_expires_at"),
        instant(rs, "revoked_at"));
  }

  record TokenTtl(java.time.Duration access, java.time.Duration refresh) {}
}
