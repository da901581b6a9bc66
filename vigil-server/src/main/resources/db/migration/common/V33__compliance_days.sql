-- The dashboard's 30-day chart kept at record time: per UTC day and (server, benchmark, profile),
-- the day's last scan and its verdict (ComplianceRules.verdict as a rank: 6 non_compliant,
-- 5 error, 3 not_checked, 1 compliant, 0 not_applicable; the worst of a server's pairs is the
-- highest). Written by ComplianceReadModel with V32's tables, recomputed for the servers and days
-- whose row a deletion removed, gone with the server (cascade). The chart is one grouped query
-- over the covering index (scan_day, server_id, verdict).
create table compliance_days (
  scan_day date not null,
  server_id bigint not null references servers (id) on delete cascade,
  benchmark_key varchar(1024) not null,
  profile_id varchar(1024) not null,
  scan_id bigint not null references compliance_scans (scan_id) on delete cascade,
  finished_at timestamp with time zone not null,
  verdict smallint not null,
  primary key (scan_day, server_id, benchmark_key, profile_id)
);
create index compliance_days_scan_idx on compliance_days (scan_id);
create index compliance_days_chart_idx on compliance_days (scan_day, server_id, verdict);
create index compliance_days_server_idx on compliance_days (server_id, scan_day);

insert into compliance_days (scan_day, server_id, benchmark_key, profile_id, scan_id, finished_at,
    verdict)
  select scan_day, server_id, benchmark_key, profile_id, scan_id, finished_at, verdict
  from (select cast(c.finished_at at time zone 'UTC' as date) scan_day, c.server_id,
      coalesce(c.benchmark_id, '') benchmark_key, c.profile_id, c.scan_id, c.finished_at,
      case when c.fail_count > 0 then 6
        when c.error_count > 0 or c.unknown_count > 0 then 5
        when c.pass_count + c.fixed_count > 0 then 1
        when c.not_applicable and c.notapplicable_count > 0 then 0
        else 3 end verdict,
      row_number() over (partition by cast(c.finished_at at time zone 'UTC' as date), c.server_id,
        coalesce(c.benchmark_id, ''), c.profile_id order by c.finished_at desc, c.scan_id desc) rn
    from compliance_scans c where c.server_id is not null) t
  where rn = 1;
