-- Target runs survive node loss: attempt counts the claims of a run (a claim after the node that
-- held it died is a new attempt; a finish of an older attempt is ignored), node names the
-- scheduler node that claimed it last, and rules_evaluated / rules_total show a scan's progress, output is
-- the log of its attempts (steps, oscap's exit code, reasons).
alter table target_runs add column attempt int default 0 not null;
alter table target_runs add column node varchar(255);
alter table target_runs add column rules_evaluated int;
alter table target_runs add column rules_total int;
alter table target_runs add column output varchar(4000);
create index target_runs_status_idx on target_runs (status);
-- the sliding window's next run: queued and not handed over, in target order
create index target_runs_window_idx on target_runs (execution_id, status, dispatched_at, position);
