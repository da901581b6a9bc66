package dev.vigil.access;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of users and API tokens.
 *
 * @param adminPassword password of the {@code admin} user created on first start (env {@code
 *     VIGIL_ADMIN_PASSWORD}); blank generates one and logs it once
 * @param accessTokenTtl lifetime of an API access token (Morpheus reports 31535999 s)
 * @param refreshTokenTtl lifetime of a refresh token
 */
@ConfigurationProperties("vigil.access")
public record AccessSettings(
    @Nullable String adminPassword,
    @DefaultValue("365d") Duration accessTokenTtl,
    @DefaultValue("400d") Duration refreshTokenTtl) {}
