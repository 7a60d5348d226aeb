-- +goose Up
-- Audio files an org uploads for routing messages (R-IN-10). The bytes live
-- in the row: files are at most 5 MiB (media.MaxSize) and few per org.
-- public_id is the id the API and routing configurations use; it is
-- random, and unique across orgs because the carrier fetches a file by it
-- alone (at a signed URL).
CREATE TABLE audio_files (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  public_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX audio_files_org ON audio_files (org_id, created_at);
