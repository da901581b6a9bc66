-- Each execution's number among its job's executions (1, 2, 3 …), which pages show in place of the
-- global id ("nightly — execution 3"). Given under the job's row lock when an execution starts;
-- executions of jobs deleted before this migration keep null (pages fall back to the global id).
alter table job_executions add column job_seq integer;

update job_executions e
   set job_seq = (select count(*) from job_executions x where x.job_id = e.job_id and x.id <= e.id)
 where e.job_id is not null;
