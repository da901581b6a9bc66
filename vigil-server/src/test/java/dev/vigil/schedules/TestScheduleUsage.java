package dev.vigil.schedules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for jobs, which will tell which of them use a schedule: tests put the users of a
 * schedule id in {@link #USERS}.
 */
@TestConfiguration
public class TestScheduleUsage {

  /** Users by schedule id; cleared by each test. */
  public static final Map<Long, List<String>> USERS = new ConcurrentHashMap<>();

  @Bean
  ScheduleUsage testScheduleUsage() {
    return id -> USERS.getOrDefault(id, List.of());
  }
}
