-- +goose Up
-- Presence that is true (R-AG-1): the app's last heartbeat, the deadline it
-- keeps the agent reachable until, and whether the lapse was announced
-- (decision 0015). Rows online before this migration count as lapsed until
-- their app beats again.
ALTER TABLE presence ADD COLUMN last_seen_at TIMESTAMPTZ;
ALTER TABLE presence ADD COLUMN reachable_until TIMESTAMPTZ;
ALTER TABLE presence ADD COLUMN lapsed BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE presence SET reachable_until = updated_at WHERE status = 'online';

-- The calls ringing or in progress for one agent (the events stream's sync).
CREATE INDEX call_legs_user ON call_legs (user_id, status);

-- Real-time events across instances (LISTEN/NOTIFY): each org's event ids
-- come from its row here, taken under the row's lock in the publishing
-- transaction, so ids commit — and notifications arrive — in order.
CREATE TABLE event_seq (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  last_id BIGINT NOT NULL
);
-- Bodies too large for a NOTIFY payload (8000 bytes), read back by each
-- listener; kept ten minutes.
CREATE TABLE event_bodies (
  org_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX event_bodies_age ON event_bodies (created_at);
