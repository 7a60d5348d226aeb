-- +goose Up
-- Exactly-once call logging (R-POST-4, decision 0023): the idempotency
-- tokens of carrier callbacks already handled, and the highest
-- SequenceNumber seen per call SID, each kept for a day so a repeated or
-- older callback changes nothing.
CREATE TABLE callback_tokens (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  token TEXT NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  PRIMARY KEY (org_id, token)
);
CREATE INDEX callback_tokens_expiry ON callback_tokens (expires_at);

CREATE TABLE callback_sequences (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  call_sid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  PRIMARY KEY (org_id, call_sid)
);
CREATE INDEX callback_sequences_expiry ON callback_sequences (expires_at);
