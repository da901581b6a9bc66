package dev.vigil.access;

/** A freshly issued access and refresh token (the only time their values exist in clear). */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {}
