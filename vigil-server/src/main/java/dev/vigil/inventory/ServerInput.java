package dev.vigil.inventory;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user sends to create or change a server. On update a null field means "unchanged"; {@code
 * credentialId} 0 with {@code credentialGiven} clears the credential.
 */
public record ServerInput(
    @Nullable String name,
    @Nullable String sshHost,
    @Nullable String sshPort,
    @Nullable String sshUsername,
    @Nullable Long credentialId,
    boolean credentialGiven,
    @Nullable String privilegeMode,
    @Nullable String connectionType,
    @Nullable String hostKeyFingerprint,
    @Nullable List<String> labels,
    @Nullable String description) {}
