-- +goose Up
-- Indexes without the NULLs every new call used to add (decision 0019):
-- an unknown caller's call has no record, a leg has no carrier SID until
-- it is dialled, and no query looks either up by NULL. SQLite cannot drop
-- a column's UNIQUE, so call_legs is rebuilt with the same columns, in
-- the same order; no table references it.
DROP INDEX calls_record;
CREATE INDEX calls_record ON calls (record_id) WHERE record_id IS NOT NULL;

CREATE TABLE call_legs_rebuilt (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  leg_sid TEXT,
  cycle INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  forward_to TEXT NOT NULL DEFAULT ''
);
INSERT INTO call_legs_rebuilt (id, org_id, call_id, user_id, leg_sid, cycle, status, created_at, ended_at, forward_to)
  SELECT id, org_id, call_id, user_id, leg_sid, cycle, status, created_at, ended_at, forward_to FROM call_legs;
DROP TABLE call_legs;
ALTER TABLE call_legs_rebuilt RENAME TO call_legs;
CREATE UNIQUE INDEX call_legs_sid ON call_legs (leg_sid) WHERE leg_sid IS NOT NULL;
CREATE INDEX call_legs_call ON call_legs (call_id, id);
CREATE INDEX call_legs_user ON call_legs (user_id, status);
