-- Compliance read model kept at record time: the latest scan of each (server, benchmark, profile)
-- and of each (job, server), copies of their compliance_scans rows (V26). Written by
-- ComplianceReadModel in the transaction that records a scan (the row of an older scan of the
-- pair replaced), recomputed for the servers whose latest scan a deletion removed (retention,
-- purge, DELETE /api/security-scans/{id}: ScanRetentionRepository.delete), gone with the server
-- (cascade); a deleted job leaves its id null on the pair as on the scan. benchmark_key is the
-- benchmark id, '' for scans without one (a key column cannot be null). Statuses are still
-- decided per request from these rows (waivers, cadence and the clock); see docs/architecture.md
-- "Fleet views".
create table compliance_latest (
  server_id bigint not null references servers (id) on delete cascade,
  benchmark_key varchar(1024) not null,
  profile_id varchar(1024) not null,
  scan_id bigint not null references compliance_scans (scan_id) on delete cascade,
  benchmark_id varchar(1024),
  finished_at timestamp with time zone not null,
  score double precision,
  score_max double precision,
  pass_count int not null,
  fixed_count int not null,
  fail_count int not null,
  error_count int not null,
  unknown_count int not null,
  notchecked_count int not null,
  notapplicable_count int not null,
  not_applicable boolean not null,
  job_id bigint references jobs (id) on delete set null,
  job_name varchar(255),
  benchmark_title varchar(2000),
  profile_title varchar(2000),
  primary key (server_id, benchmark_key, profile_id)
);
create index compliance_latest_pair_idx on compliance_latest (benchmark_key, profile_id);
create index compliance_latest_scan_idx on compliance_latest (scan_id);

create table compliance_job_latest (
  job_id bigint not null references jobs (id) on delete cascade,
  server_id bigint not null references servers (id) on delete cascade,
  scan_id bigint not null references compliance_scans (scan_id) on delete cascade,
  benchmark_id varchar(1024),
  profile_id varchar(1024) not null,
  finished_at timestamp with time zone not null,
  score double precision,
  score_max double precision,
  pass_count int not null,
  fixed_count int not null,
  fail_count int not null,
  error_count int not null,
  unknown_count int not null,
  notchecked_count int not null,
  notapplicable_count int not null,
  not_applicable boolean not null,
  job_name varchar(255),
  primary key (job_id, server_id)
);
create index compliance_job_latest_scan_idx on compliance_job_latest (scan_id);
create index compliance_job_latest_server_idx on compliance_job_latest (server_id);

insert into compliance_latest (server_id, benchmark_key, profile_id, scan_id, benchmark_id,
    finished_at, score, score_max, pass_count, fixed_count, fail_count, error_count, unknown_count,
    notchecked_count, notapplicable_count, not_applicable, job_id, job_name, benchmark_title,
    profile_title)
  select server_id, coalesce(benchmark_id, ''), profile_id, scan_id, benchmark_id, finished_at,
    score, score_max, pass_count, fixed_count, fail_count, error_count, unknown_count,
    notchecked_count, notapplicable_count, not_applicable, job_id, job_name, benchmark_title,
    profile_title
  from (select c.*, row_number() over (partition by c.server_id, coalesce(c.benchmark_id, ''),
      c.profile_id order by c.finished_at desc, c.scan_id desc) rn
    from compliance_scans c where c.server_id is not null) t
  where rn = 1;

insert into compliance_job_latest (job_id, server_id, scan_id, benchmark_id, profile_id,
    finished_at, score, score_max, pass_count, fixed_count, fail_count, error_count, unknown_count,
    notchecked_count, notapplicable_count, not_applicable, job_name)
  select job_id, server_id, scan_id, benchmark_id, profile_id, finished_at, score, score_max,
    pass_count, fixed_count, fail_count, error_count, unknown_count, notchecked_count,
    notapplicable_count, not_applicable, job_name
  from (select c.*, row_number() over (partition by c.job_id, c.server_id
      order by c.finished_at desc, c.scan_id desc) rn
    from compliance_scans c where c.server_id is not null and c.job_id is not null) t
  where rn = 1;
