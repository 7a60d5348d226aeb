-- +goose Up
ALTER TABLE orgs ADD COLUMN caller_id_mode TEXT NOT NULL DEFAULT 'shared';

CREATE TABLE providers (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('twilio', 'sandbox')),
  name TEXT NOT NULL,
  account_sid TEXT NOT NULL,
  auth_token_sealed TEXT NOT NULL,
  api_url TEXT NOT NULL,
  account_type TEXT NOT NULL,
  all_users INTEGER NOT NULL,
  include_new_users INTEGER NOT NULL,
  last_ok_at TIMESTAMP,
  last_error TEXT NOT NULL,
  last_error_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  uninstalled_at TIMESTAMP
);
CREATE INDEX providers_org ON providers (org_id, id);
CREATE INDEX providers_account ON providers (account_sid);

-- A user belongs to at most one provider (R-PROV-3): user_id is unique.
CREATE TABLE provider_users (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
  PRIMARY KEY (provider_id, user_id)
);

CREATE TABLE numbers (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  sid TEXT NOT NULL,
  e164 TEXT NOT NULL,
  friendly_name TEXT NOT NULL,
  voice INTEGER NOT NULL,
  sms INTEGER NOT NULL,
  mms INTEGER NOT NULL,
  outgoing_enabled INTEGER NOT NULL,
  recording_enabled INTEGER NOT NULL,
  previous_webhooks TEXT NOT NULL,
  linked_at TIMESTAMP NOT NULL,
  unlinked_at TIMESTAMP
);
-- A number is linked to at most one org at a time: webhooks find it by E.164.
CREATE UNIQUE INDEX numbers_linked ON numbers (e164) WHERE unlinked_at IS NULL;
CREATE INDEX numbers_org ON numbers (org_id, provider_id);

CREATE TABLE number_operators (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  number_id INTEGER NOT NULL REFERENCES numbers(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  outgoing INTEGER NOT NULL,
  recording INTEGER NOT NULL,
  PRIMARY KEY (number_id, user_id)
);

-- Outbound mapping (R-NUM-6): each user's caller-ID number.
CREATE TABLE caller_ids (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users(id),
  number_id INTEGER NOT NULL REFERENCES numbers(id)
);
CREATE INDEX caller_ids_number ON caller_ids (number_id);
