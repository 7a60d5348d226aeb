-- +goose Up
CREATE TABLE presence (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  status TEXT NOT NULL CHECK (status IN ('online', 'offline')),
  online_since TIMESTAMP,
  ring_order_at TIMESTAMP,
  busy INTEGER NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX presence_org ON presence (org_id, status);
