package dev.vigil.packages;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** STUB until the fetch branch merges. */
@Component
class PackageFetcher {
  FetchedFile fetch(URI url, Path targetDir, String expectedSha256) throws PackageFetchException {
    throw new PackageFetchException("stub");
  }
}
