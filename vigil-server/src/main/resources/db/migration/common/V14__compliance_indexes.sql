-- Compliance reads a server's failed target runs (a run failed after the latest scan is an error)
-- and the fleet's scans of the last days (the dashboard's trend) without scanning whole tables.
create index target_runs_server_idx on target_runs (server_id, status, finished_at);
create index security_scans_finished_idx on security_scans (finished_at);
