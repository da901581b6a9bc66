-- One row (k = 1): this installation's random id, made on first use by whichever node comes first
-- (the primary key lets one insert win). Target run tags carry it (tr<run id>-<installation id>),
-- so that two Vigil installations scanning the same server with the same login never take each
-- other's run directories for leftovers of their own runs.
create table vigil_installation (
  k int not null primary key,
  id varchar(16) not null,
  created_at timestamp with time zone not null,
  constraint vigil_installation_one_row check (k = 1)
);
