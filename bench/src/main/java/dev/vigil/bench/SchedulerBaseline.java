package dev.vigil.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fan-out's named baseline: db-scheduler alone on the same database (its own table), running
 * no-op one-time tasks in the fan-out's shape — a window of tasks scheduled at once, each finished
 * task scheduling the next through a separate client until all are scheduled — with the same
 * threads and polling interval as the Vigil node. What Vigil adds per target run (claim, the
 * double's scan, ARF parse, record, finish, dispatch) shows as the ratio to this.
 */
final class SchedulerBaseline {

  private static final String TABLE = "bench_scheduled_tasks";
  private static final String TASK = "bench-noop";

  private final DataSource dataSource;
  private final int threads;
  private final Duration pollingInterval;

  SchedulerBaseline(DataSource dataSource, int threads, Duration pollingInterval) {
    this.dataSource = dataSource;
    this.threads = threads;
    this.pollingInterval = pollingInterval;
    JdbcClient.create(dataSource)
        .sql(
            "create table if not exists "
                + TABLE
                + " (task_name varchar(100) not null, task_instance varchar(200) not null,"
                + " task_data bytea, execution_time timestamp with time zone not null,"
                + " picked boolean not null, picked_by varchar(200),"
                + " last_success timestamp with time zone, last_failure timestamp with time zone,"
                + " consecutive_failures int, last_heartbeat timestamp with time zone,"
                + " version bigint not null, priority smallint,"
                + " primary key (task_name, task_instance))")
        .update();
  }

  /** Runs {@code n} no-op tasks, {@code window} at a time; returns tasks per second. */
  double run(int n, int window) throws InterruptedException {
    JdbcClient.create(dataSource).sql("delete from " + TABLE).update();
    SchedulerClient client = SchedulerClient.Builder.create(dataSource).tableName(TABLE).build();
    AtomicInteger scheduled = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    OneTimeTask<Void> task =
        Tasks.oneTime(TASK)
            .execute(
                (instance, context) -> {
                  scheduleNext(client, scheduled, n);
                  done.countDown();
                });
    Scheduler scheduler =
        Scheduler.create(dataSource, task)
            .tableName(TABLE)
            .threads(threads)
            .pollingInterval(pollingInterval)
            .enableImmediateExecution()
            .build();
    scheduler.start();
    try {
      Thread.sleep(pollingInterval.toMillis() * 2);
      long start = System.nanoTime();
      for (int i = 0; i < Math.min(window, n); i++) {
        scheduleNext(client, scheduled, n);
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("baseline: " + done.getCount() + " tasks never ran");
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      scheduler.stop();
    }
  }

  private static void scheduleNext(SchedulerClient client, AtomicInteger scheduled, int n) {
    int i = scheduled.getAndIncrement();
    if (i < n) {
      client.scheduleIfNotExists(new TaskInstance<Void>(TASK, Integer.toString(i)), Instant.now());
    }
  }
}
