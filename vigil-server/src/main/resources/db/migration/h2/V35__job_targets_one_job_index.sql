-- H2 gives the foreign key job_targets.job_id -> jobs its own index (created with the table, before
-- V7's job_targets_job), so job_targets carried two identical indexes on job_id: every stored
-- target was written to both (100,000 targets: 100,000 entries more). The constraint's index
-- stays; PostgreSQL makes no index for a foreign key and keeps job_targets_job.
drop index if exists job_targets_job;
