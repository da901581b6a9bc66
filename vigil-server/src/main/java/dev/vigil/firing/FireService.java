package dev.vigil.firing;

import dev.vigil.shared.ListQuery;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads back the fires of a job's date-time or execute schedule, newest first. */
@Service
public class FireService {

  private final FireRepository repo;

  FireService(FireRepository repo) {
    this.repo = repo;
  }

  /** The job's latest {@code n} fires. */
  public List<JobFire> recent(long jobId, int n) {
    return repo.fires(jobId, 0, n);
  }

  /** A page of the job's fires (the query's {@code max} and {@code offset}). */
  public List<JobFire> list(long jobId, ListQuery q) {
    return repo.fires(jobId, q.offset(), q.max());
  }

  /** How many fires of the job are kept. */
  public long count(long jobId) {
    return repo.countFires(jobId);
  }
}
