package dev.vigil.jobs;

import dev.vigil.schedules.ScheduleUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Keeps an execute schedule that starts a job from being deleted. */
@Component
class JobScheduleUsage implements ScheduleUsage {

  private final JobRepository jobs;

  JobScheduleUsage(JobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public List<String> usersOf(long scheduleId) {
    return jobs.namesUsingSchedule(scheduleId).stream().map(n -> "job " + n).toList();
  }
}
