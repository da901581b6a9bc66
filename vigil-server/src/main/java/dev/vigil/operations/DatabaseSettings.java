package dev.vigil.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the database write probe.
 *
 * @param probeInterval how often this node writes its probe row (and how often a database found
 *     unwritable is tried again); {@code /actuator/health} and the 503 answers use the last result
 * @param probeTimeout how long one probe's statements may take before the database counts as
 *     unwritable
 */
@ConfigurationProperties("vigil.database")
public record DatabaseSettings(
    @DefaultValue("5s") Duration probeInterval, @DefaultValue("5s") Duration probeTimeout) {}
