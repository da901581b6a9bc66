package dev.vigil.inventory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the last connection test of a server found; sizes in bytes, CPU usage in percent. */
public record LastTest(
    Instant testedAt,
    boolean ok,
    @Nullable String error,
    @Nullable String osName,
    @Nullable String oscapVersion,
    @Nullable String privilege,
    @Nullable Long freeBytes,
    @Nullable Long memTotal,
    @Nullable Long memFree,
    @Nullable Long diskTotal,
    @Nullable Long diskFree,
    @Nullable Double cpuUsage) {}
