-- +goose Up
-- The softphone (issue 7, R-AG-2..5): a call's notes and the answering
-- agent's hold and mute state; each number's call script shown while it
-- rings; the calls each user missed, with why, and whether the badge has
-- shown them (decision 0017).
ALTER TABLE calls ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE numbers ADD COLUMN script TEXT NOT NULL DEFAULT '';

CREATE TABLE missed_calls (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  seen INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL,
  UNIQUE (call_id, user_id)
);
CREATE INDEX missed_calls_user ON missed_calls (org_id, user_id, id);
