-- One row, updated by the database write probe (operations/DatabaseProbe) in its own transaction:
-- a read can succeed on a full disk, only a committed write shows whether the database is usable.
create table database_probe (
  id int primary key,
  probed_at timestamp with time zone not null
);
insert into database_probe (id, probed_at) values (1, current_timestamp);
