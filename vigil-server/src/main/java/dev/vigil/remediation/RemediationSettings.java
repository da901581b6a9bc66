package dev.vigil.remediation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of remediation.
 *
 * @param oscap the {@code oscap} command on the Vigil host that generates fixes from stored ARFs
 * @param generateTimeout how long one {@code oscap xccdf generate fix} may take
 * @param scriptTimeout how long a remediation script may run on one server before it is killed
 * @param lockRetry how long a remediation run waits before trying again to lock a server a scan
 *     holds
 */
@ConfigurationProperties("vigil.remediation")
public record RemediationSettings(
    @DefaultValue("oscap") String oscap,
    @DefaultValue("5m") Duration generateTimeout,
    @DefaultValue("30m") Duration scriptTimeout,
    @DefaultValue("5s") Duration lockRetry) {}
