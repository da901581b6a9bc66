package dev.vigil.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.vigil.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
      DataSource dataSource,
      List<TaskHandler> handlers,
      ObjectProvider<RecurringHandler> recurringHandlers,
      SchedulerSettings settings,
      NodeIdentity node,
      Clock clock) {
    List<Task<?>> tasks = handlers.stream().<Task<?>>map(h -> oneTime(h, clock)).toList();
    List<RecurringTask<Void>> recurring =
        recurringHandlers.orderedStream().map(SchedulerConfig::recurring).toList();
    boolean postgres = Sql.isPostgres(dataSource);
    Supplier<Scheduler> factory =
        () ->
            polling(Scheduler.create(dataSource, tasks), postgres)
                .startTasks(recurring)
                .tableName("scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(node.name()))
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
    NodeRecovery recovery = new NodeRecovery(dataSource, node.name(), clock);
    return new SchedulerLifecycle(
        () -> {
          recovery.releaseOwnPicks();
          return factory.get();
        },
        settings.enabled());
  }

  /**
   * On PostgreSQL the scheduler picks due tasks with one {@code update ... for update skip locked
   * ... returning} statement per batch (db-scheduler's lock-and-fetch), refilled when half of its
   * threads' worth of picked tasks is left; elsewhere it reads due tasks and then marks each
   * picked, one statement each (its default).
   */
  static com.github.kagkarlsson.scheduler.SchedulerBuilder polling(
      com.github.kagkarlsson.scheduler.SchedulerBuilder builder, boolean postgres) {
    return postgres ? builder.pollUsingLockAndFetch(0.5, 1.0) : builder;
  }

  /**
   * A one-time task: done when the handler returns, run again after the delay when it throws {@link
   * RunLater}, retried after the handler's {@link TaskHandler#retryAfterFailure()} when any other
   * exception escapes, and run again when the node that ran it died (the handler must tell a
   * revived run from a fresh one).
   */
  private static CustomTask<Void> oneTime(TaskHandler handler, Clock clock) {
    return Tasks.custom(handler.taskName(), Void.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(handler.retryAfterFailure()))
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              try {
                handler.execute(instance.getId());
                return new CompletionHandler.OnCompleteRemove<>();
              } catch (RunLater later) {
                return (complete, ops) ->
                    ops.reschedule(complete, clock.instant().plus(later.delay()));
              }
            });
  }

  /**
   * A recurring task with a fixed delay: db-scheduler keeps one execution of it in the table, so
   * one node at a time runs it; a failed run is rescheduled like a successful one.
   */
  private static RecurringTask<Void> recurring(RecurringHandler handler) {
    return Tasks.recurring(handler.taskName(), FixedDelay.of(handler.interval()))
        .execute((instance, context) -> handler.run());
  }

  /**
   * Starts a scheduler after the context is ready and stops it before the DataSource closes. A
   * db-scheduler {@link Scheduler} cannot start again once stopped, so each start builds a new one
   * (Spring may stop and restart the context's lifecycle, as its test framework does).
   */
  static final class SchedulerLifecycle implements SmartLifecycle {
    private final Supplier<Scheduler> factory;
    private final boolean enabled;
    private volatile @Nullable Scheduler scheduler;

    SchedulerLifecycle(Supplier<Scheduler> factory, boolean enabled) {
      this.factory = factory;
      this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
      if (enabled && scheduler == null) {
        scheduler = factory.get();
        scheduler.start();
      }
    }

    @Override
    public synchronized void stop() {
      if (scheduler != null) {
        scheduler.stop();
        scheduler = null;
      }
    }

    @Override
    public boolean isRunning() {
      return scheduler != null;
    }

    /**
     * Stops after the web server's graceful shutdown and after the running scans were let finish or
     * handed back (phase {@code Integer.MAX_VALUE - 100}), so that their tasks are rescheduled
     * while the scheduler still runs.
     */
    @Override
    public int getPhase() {
      return Integer.MAX_VALUE - 4096;
    }

    /** running, disabled, stopped or shutting-down: for the health check. */
    String state() {
      if (!enabled) {
        return "disabled";
      }
      Scheduler s = scheduler;
      if (s == null) {
        return "stopped";
      }
      if (s.getSchedulerState().isShuttingDown()) {
        return "shutting-down";
      }
      return s.getSchedulerState().isStarted() ? "running" : "stopped";
    }

    /** Makes the running scheduler look for due tasks now. */
    void triggerCheck() {
      Scheduler s = scheduler;
      if (s != null) {
        s.triggerCheckForDueExecutions();
      }
    }
  }
}
