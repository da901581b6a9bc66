package dev.vigil.inventory;

import java.time.Instant;

/** What the last connection test of a server found; sizes in bytes, CPU usage in percent. */
public record LastTest(
    Instant testedAt,
    boolean ok,
    String error,
    String osName,
    String oscapVersion,
    String privilege,
    Long freeBytes,
    Long memTotal,
    Long memFree,
    Long diskTotal,
    Long diskFree,
    Double cpuUsage) {}
