-- The plan an execution pinned when it started: the package version, checklist, profile and run
-- settings every target run, retry, hand-back and re-run of it uses (the resolved servers are its
-- target runs). Null for executions that ended before plans existed. Executions queued or running at
-- the upgrade get the plan their job and its package's current version give now.
alter table job_executions add column plan_package_id bigint;
alter table job_executions add column plan_package_name varchar(255);
alter table job_executions add column plan_version_id bigint;
alter table job_executions add column plan_version_no int;
alter table job_executions add column plan_scan_path varchar(1024);
alter table job_executions add column plan_profile varchar(1024);
alter table job_executions add column plan_timeout_minutes int;
alter table job_executions add column plan_max_parallel int;
alter table job_executions add column plan_retries_on_timeout int;

update job_executions set
  plan_package_id = (select j.security_package_id from jobs j where j.id = job_executions.job_id),
  plan_package_name = (select p.name from jobs j join security_packages p
      on p.id = j.security_package_id where j.id = job_executions.job_id),
  plan_version_id = (select p.current_version_id from jobs j join security_packages p
      on p.id = j.security_package_id where j.id = job_executions.job_id),
  plan_version_no = (select v.version_no from jobs j join security_packages p
      on p.id = j.security_package_id join security_package_versions v
      on v.id = p.current_version_id where j.id = job_executions.job_id),
  plan_scan_path = (select j.scan_path from jobs j where j.id = job_executions.job_id),
  plan_profile = (select j.security_profile from jobs j where j.id = job_executions.job_id),
  plan_timeout_minutes = (select j.timeout_minutes from jobs j where j.id = job_executions.job_id),
  plan_max_parallel = (select j.max_parallel from jobs j where j.id = job_executions.job_id),
  plan_retries_on_timeout =
      (select j.retries_on_timeout from jobs j where j.id = job_executions.job_id)
where status in ('queued', 'running') and job_id is not null;

create index job_executions_plan_package_idx on job_executions (plan_package_id, status);
