package dev.vigil.scanning;

/** Where a scan of one target is, as another thread can observe it through {@link ScanControl}. */
public enum ScanPhase {
  PENDING,
  CONNECTING,
  PREFLIGHT,
  UPLOADING,
  SCANNING,
  COLLECTING,
  CLEANING_UP,
  FINISHED
}
