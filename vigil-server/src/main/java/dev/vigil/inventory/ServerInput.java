package dev.vigil.inventory;

import java.util.List;

/**
 * What a user sends to create or change a server. On update a null field means "unchanged"; {@code
 * credentialId} 0 with {@code credentialGiven} clears the credential.
 */
public record ServerInput(
    String name,
    String sshHost,
    String sshPort,
    String sshUsername,
    Long credentialId,
    boolean credentialGiven,
    String privilegeMode,
    String connectionType,
    String hostKeyFingerprint,
    List<String> labels,
    String description) {}
