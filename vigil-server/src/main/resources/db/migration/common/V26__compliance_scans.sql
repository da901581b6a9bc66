-- Compliance facts: a narrow copy of the columns of each scan that compliance reads (ids, time,
-- score, counts, job, titles), written in the transaction that records the scan and deleted with
-- it (cascade). Compliance groups these rows (latest per server x benchmark x profile, per job x
-- server, per day) instead of the wide security_scans rows, which hold each scan's rule results
-- inline (about 1.5 KB for an SSG benchmark). A deleted server or job leaves its ids null here as
-- on the scan. See docs/architecture.md "Fleet views".
create table compliance_scans (
  scan_id bigint primary key references security_scans (id) on delete cascade,
  server_id bigint references servers (id) on delete set null,
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
  job_id bigint references jobs (id) on delete set null,
  job_name varchar(255),
  benchmark_title varchar(2000),
  profile_title varchar(2000)
);

insert into compliance_scans (scan_id, server_id, benchmark_id, profile_id, finished_at, score, score_max,
    pass_count, fixed_count, fail_count, error_count, unknown_count, notchecked_count,
    notapplicable_count, not_applicable, job_id, job_name, benchmark_title, profile_title)
  select id, server_id, benchmark_id, profile_id, finished_at, score, score_max, pass_count, fixed_count,
    fail_count, error_count, unknown_count, notchecked_count, notapplicable_count, not_applicable,
    job_id, job_name, benchmark_title, profile_title
  from security_scans;

create index compliance_scans_server_idx on compliance_scans (server_id, profile_id, finished_at);
create index compliance_scans_pair_idx
  on compliance_scans (benchmark_id, profile_id, server_id, finished_at);
create index compliance_scans_job_idx on compliance_scans (job_id, server_id, finished_at);
create index compliance_scans_finished_idx on compliance_scans (finished_at);
