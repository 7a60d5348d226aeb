-- +goose Up
CREATE TABLE presence (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  status TEXT NOT NULL CHECK (status IN ('online', 'offline')),
  online_since TIMESTAMPTZ,
  ring_order_at TIMESTAMPTZ,
  busy BOOLEAN NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX presence_org ON presence (org_id, status);
