-- +goose Up
-- After-call summaries (R-POST-1, decision 0025): the org's list of summary
-- outcomes (none = the defaults), one summary per call, and follow-up calls
-- as tasks with a time, a number and the call that made them.
CREATE TABLE summary_outcomes (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (org_id, position)
);

CREATE TABLE call_summaries (
  call_id BIGINT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  outcome TEXT NOT NULL,
  deal_id BIGINT REFERENCES records(id) ON DELETE SET NULL,
  task_id BIGINT REFERENCES tasks(id) ON DELETE SET NULL,
  saved_by BIGINT NOT NULL REFERENCES users(id),
  saved_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX call_summaries_outcome ON call_summaries (org_id, outcome);
CREATE INDEX call_summaries_deal ON call_summaries (deal_id);

ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'todo';
ALTER TABLE tasks ADD COLUMN due_at TIMESTAMPTZ;
ALTER TABLE tasks ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN call_id BIGINT REFERENCES calls(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN reminded_at TIMESTAMPTZ;
