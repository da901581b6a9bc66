package dev.vigil.packages;

import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** STUB until the fetch branch merges. */
@Component
class PackageUnpacker {
  List<Path> unpack(FetchedFile fetched, Path targetDir) throws PackageFetchException {
    throw new PackageFetchException("stub");
  }
}
