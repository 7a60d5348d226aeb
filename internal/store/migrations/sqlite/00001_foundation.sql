-- +goose Up
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  default_country TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  auto_create_contacts INTEGER NOT NULL,
  recording_announcement TEXT NOT NULL,
  recording_retention_days INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  active INTEGER NOT NULL,
  forwarding_number TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX users_org ON users (org_id, id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (org_id, user_id);

CREATE TABLE signin_failures (
  email TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failed_at TIMESTAMP NOT NULL
);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('lead', 'contact', 'account', 'deal')),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  title TEXT NOT NULL,
  email TEXT NOT NULL,
  street TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country TEXT NOT NULL,
  owner_id INTEGER REFERENCES users(id),
  account_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
  contact_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  amount INTEGER NOT NULL,
  close_date TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX records_list ON records (org_id, kind, sort_key, id);
CREATE INDEX records_prefix ON records (org_id, sort_key);
CREATE INDEX records_account ON records (account_id);
CREATE INDEX records_contact ON records (contact_id);

CREATE TABLE phones (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  e164 TEXT NOT NULL,
  region TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX phones_e164 ON phones (org_id, e164);
CREATE INDEX phones_record ON phones (record_id, position);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_us BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX notes_record ON notes (record_id, created_us);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  assignee_id INTEGER NOT NULL REFERENCES users(id),
  done INTEGER NOT NULL,
  record_id INTEGER REFERENCES records(id) ON DELETE CASCADE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_us BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tasks_assignee ON tasks (org_id, assignee_id, done, due_date);
CREATE INDEX tasks_record ON tasks (record_id, created_us);

-- Type-ahead search (R-CRM-4): FTS5 trigram over records.search_text, kept in
-- sync by triggers. The PostgreSQL twin is a pg_trgm GIN index.
CREATE VIRTUAL TABLE records_fts USING fts5(search_text, content='records', content_rowid='id', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
  INSERT INTO records_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER records_fts_update AFTER UPDATE OF search_text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO records_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
