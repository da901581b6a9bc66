package dev.vigil.packages;

import java.util.List;

/** What indexing a fetched package found: every file with its kind, and the checklists. */
record IndexedContent(List<PackageFile> files, List<Checklist> checklists) {}
