package dev.vigil.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Wires db-scheduler by hand on the application's DataSource (its Boot 3 starter does not fit). */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

  @Bean
  SchedulerClient schedulerClient(DataSource dataSource) {
    return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
        .tableName("scheduled_tasks")
        .build();
  }

  @Bean
  SchedulerLifecycle schedulerLifecycle(
      DataSource dataSource, List<TaskHandler> handlers, SchedulerSettings settings) {
    List<Task<?>> tasks = handlers.stream().<Task<?>>map(SchedulerConfig::oneTime).toList();
    Scheduler scheduler =
        Scheduler.create(dataSource, tasks)
            .tableName("scheduled_tasks")
            .threads(settings.threads())
            .pollingInterval(settings.pollingInterval())
            .enableImmediateExecution()
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    return new SchedulerLifecycle(scheduler, settings.enabled());
  }

  private static OneTimeTask<Void> oneTime(TaskHandler handler) {
    return Tasks.oneTime(handler.taskName())
        .onFailureRetryLater()
        .execute((instance, context) -> handler.execute(instance.getId()));
  }

  /** Starts the scheduler after the context is ready and stops it before the DataSource closes. */
  static final class SchedulerLifecycle implements SmartLifecycle {
    private final Scheduler scheduler;
    private final boolean enabled;
    private volatile boolean running;

    SchedulerLifecycle(Scheduler scheduler, boolean enabled) {
      this.scheduler = scheduler;
      this.enabled = enabled;
    }

    @Override
    public void start() {
      if (enabled) {
        scheduler.start();
      }
      running = true;
    }

    @Override
    public void stop() {
      if (enabled) {
        scheduler.stop();
      }
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }
  }
}
