-- +goose Up
-- Presence that is true (R-AG-1): the app's last heartbeat, the deadline it
-- keeps the agent reachable until, and whether the lapse was announced
-- (decision 0015). Rows online before this migration count as lapsed until
-- their app beats again.
ALTER TABLE presence ADD COLUMN last_seen_at TIMESTAMP;
ALTER TABLE presence ADD COLUMN reachable_until TIMESTAMP;
ALTER TABLE presence ADD COLUMN lapsed INTEGER NOT NULL DEFAULT 0;
UPDATE presence SET reachable_until = updated_at WHERE status = 'online';

-- The calls ringing or in progress for one agent (the events stream's sync).
CREATE INDEX call_legs_user ON call_legs (user_id, status);
