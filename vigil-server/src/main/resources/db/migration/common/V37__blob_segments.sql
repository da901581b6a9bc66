-- Shared segments of blobs: the deflate blocks of a long run of bytes that many blobs repeat byte
-- for byte (oscap's HTML reports embed the same ~220 KB of CSS and JavaScript, ~67 KB compressed),
-- kept once under the sha256 of those blocks. A chunk of a blob holds either its own bytes (data)
-- or a reference to a segment (segment_sha256); read in order, a blob's chunks are its gzip member
-- as before. Segments are never deleted (a few per oscap version). blobs.stored_bytes counts a
-- blob's own chunks only. Written by BlobStore.put (RecurringSegments).
create table blob_segments (
  sha256 char(64) primary key,
  data bytea not null,
  size_bytes bigint not null,
  created_at timestamp with time zone not null
);
alter table blob_chunks add column segment_sha256 char(64) references blob_segments (sha256);
alter table blob_chunks alter column data drop not null;
alter table blob_chunks add constraint blob_chunks_data_or_segment
  check ((data is null and segment_sha256 is not null) or (data is not null and segment_sha256 is null));
