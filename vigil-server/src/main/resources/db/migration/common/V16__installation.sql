-- One row: this installation's random id, made on first use. Target run tags carry it
-- (tr<run id>-<installation id>), so that two Vigil installations scanning the same server with the
-- same login never take each other's run directories for leftovers of their own runs.
create table vigil_installation (
  id varchar(16) not null primary key,
  created_at timestamp with time zone not null
);
