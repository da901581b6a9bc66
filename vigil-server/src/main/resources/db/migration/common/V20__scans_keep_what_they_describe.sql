-- A scan outlives what it describes. server_id, package_id and job_id stay live links (null once
-- the row is deleted); the recorded_* columns keep the ids the scan was made with, with no foreign
-- key, beside the names already kept. A scan whose live link is null while its recorded id is set
-- describes a deleted server, package or job. Scans also keep the titles of the benchmark
-- (checklist) and profile they were made with.
alter table security_scans add column recorded_server_id bigint;
alter table security_scans add column recorded_package_id bigint;
alter table security_scans add column recorded_job_id bigint;
alter table security_scans add column benchmark_title varchar(2000);
alter table security_scans add column profile_title varchar(2000);

-- target runs keep their server's id, so a server deleted before this migration is found again
update security_scans set
  recorded_server_id = coalesce(server_id,
    (select max(r.server_id) from target_runs r where r.id = security_scans.target_run_id)),
  recorded_package_id = package_id,
  recorded_job_id = job_id;

update security_scans set
  benchmark_title = (select max(c.title) from security_package_checklists c
    where c.version_id = security_scans.package_version_id
      and c.path = security_scans.checklist_path
      and c.benchmark_id = security_scans.benchmark_id),
  profile_title = (select max(p.title) from security_package_profiles p
    join security_package_checklists c on c.id = p.checklist_id
    where c.version_id = security_scans.package_version_id
      and c.path = security_scans.checklist_path
      and c.benchmark_id = security_scans.benchmark_id
      and p.profile_id = security_scans.profile_id)
  where package_version_id is not null;

create index security_scans_recorded_server_idx
  on security_scans (recorded_server_id, profile_id, finished_at);
create index security_scans_recorded_package_idx on security_scans (recorded_package_id);
