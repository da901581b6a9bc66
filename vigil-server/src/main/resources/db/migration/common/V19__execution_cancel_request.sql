-- A cancel of a job execution, recorded in the database so that every node sees it: the scans of
-- the execution running on any node stop when their node next polls (vigil.executions.
-- cancel-poll-interval), a queued run is never claimed after it, and the execution ends cancelled.
alter table job_executions add column cancel_requested_at timestamp with time zone;
alter table job_executions add column cancel_reason varchar(300);
