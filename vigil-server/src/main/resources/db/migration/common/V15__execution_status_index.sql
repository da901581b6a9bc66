-- The execution list filtered by status (e.g. every failed execution) reads newest first through
-- this index instead of scanning every execution.
create index job_executions_status_idx on job_executions (status, id);
