-- The job run that made each scan, kept on the scan: a server's history shows the job, retention is
-- per job, drift compares the scans of two executions. Names are kept as they were, since the job
-- may be deleted since. Scans recorded before this migration take it from their target run.
alter table security_scans add column job_id bigint;
alter table security_scans add constraint security_scans_job_fk
  foreign key (job_id) references jobs (id) on delete set null;
alter table security_scans add column job_name varchar(255);
alter table security_scans add column execution_id bigint;
alter table security_scans add constraint security_scans_execution_fk
  foreign key (execution_id) references job_executions (id) on delete set null;
alter table security_scans add column target_run_id bigint;

-- each scan finds its run through this index (also what retention uses to unlink a deleted scan)
create index target_runs_scan_idx on target_runs (scan_id);

update security_scans set
  target_run_id = (select max(r.id) from target_runs r where r.scan_id = security_scans.id),
  execution_id = (select max(r.execution_id) from target_runs r where r.scan_id = security_scans.id);
update security_scans set
  job_id = (select e.job_id from job_executions e where e.id = security_scans.execution_id),
  job_name = (select e.job_name from job_executions e where e.id = security_scans.execution_id)
  where execution_id is not null;

create index security_scans_job_idx on security_scans (job_id, finished_at);
create index security_scans_execution_idx on security_scans (execution_id);
create index security_scans_server_profile_idx on security_scans (server_id, profile_id, finished_at);
