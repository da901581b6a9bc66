package dev.vigil.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** STUB until the fetch branch merges. */
@ConfigurationProperties("vigil.packages")
public record PackageSettings(
    @DefaultValue({}) List<String> allowedFileRoots,
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("512MB") DataSize maxDownloadSize,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration idleTimeout,
    @DefaultValue("10m") Duration totalTimeout,
    @DefaultValue("5") int maxRedirects,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("2GB") DataSize maxUnpackedSize,
    @DefaultValue("100") int maxCompressionRatio,
    Path workDir) {}
