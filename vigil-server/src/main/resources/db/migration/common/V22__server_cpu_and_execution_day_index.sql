-- The connection test also reads the CPU load (one-minute load average per CPU, in percent), shown
-- as a server's cpuUsage; the jobs list counts the last seven days' executions by creation time.
alter table servers add column cpu_usage double precision;
create index job_executions_created_idx on job_executions (created_at);
-- A job may target every server or instance carrying a label (targetType server-label or
-- instance-label), resolved when an execution starts.
alter table jobs add column target_label varchar(255);
