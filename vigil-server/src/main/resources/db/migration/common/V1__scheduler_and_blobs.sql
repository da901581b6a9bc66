-- db-scheduler's task table (one per cluster; every Vigil node polls it).
create table scheduled_tasks (
  task_name varchar(100) not null,
  task_instance varchar(200) not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked boolean not null,
  picked_by varchar(200),
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint not null,
  priority smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_time_idx on scheduled_tasks (priority, execution_time);

-- Content-addressed blob store: one row per blob, its compressed bytes in ordered chunks.
create table blobs (
  sha256 char(64) primary key,
  size_bytes bigint not null,
  stored_bytes bigint not null,
  encoding varchar(20) not null,
  created_at timestamp with time zone not null
);
create table blob_chunks (
  sha256 char(64) not null references blobs (sha256) on delete cascade,
  seq int not null,
  data bytea not null,
  primary key (sha256, seq)
);
