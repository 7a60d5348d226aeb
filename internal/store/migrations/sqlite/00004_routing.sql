-- +goose Up
-- Routing configuration per number (R-IN, R-PLAT-4): one draft being edited,
-- and the numbered versions published from it. The live version is the
-- highest; a call keeps the version it started with.
CREATE TABLE routing_drafts (
  number_id INTEGER PRIMARY KEY REFERENCES numbers(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  config TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE routing_versions (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  number_id INTEGER NOT NULL REFERENCES numbers(id),
  version INTEGER NOT NULL,
  config TEXT NOT NULL,
  published_by INTEGER NOT NULL REFERENCES users(id),
  published_at TIMESTAMP NOT NULL,
  restored_from INTEGER,
  UNIQUE (number_id, version)
);
