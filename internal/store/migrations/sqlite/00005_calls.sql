-- +goose Up
-- Inbound calls (R-IN-18): one row per call with its routing state; one row
-- per agent leg rung; durable jobs for the carrier actions webhooks queue
-- (decision 0013).
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  number_id INTEGER NOT NULL REFERENCES numbers(id),
  call_sid TEXT NOT NULL UNIQUE,
  version_id INTEGER REFERENCES routing_versions(id),
  direction TEXT NOT NULL,
  from_number TEXT NOT NULL,
  to_number TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
  state TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  answered_by INTEGER REFERENCES users(id),
  started_at TIMESTAMP NOT NULL,
  answered_at TIMESTAMP,
  ended_at TIMESTAMP,
  recording_url TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX calls_org ON calls (org_id, started_at);
CREATE INDEX calls_record ON calls (record_id);
CREATE INDEX calls_open ON calls (status, updated_at);

CREATE TABLE call_legs (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  leg_sid TEXT UNIQUE,
  cycle INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP
);
CREATE INDEX call_legs_call ON call_legs (call_id, id);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL,
  call_id INTEGER REFERENCES calls(id) ON DELETE CASCADE,
  payload TEXT NOT NULL,
  run_at TIMESTAMP NOT NULL,
  attempts INTEGER NOT NULL,
  locked_until TIMESTAMP,
  done_at TIMESTAMP,
  last_error TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);
