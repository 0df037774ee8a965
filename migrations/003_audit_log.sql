-- The audit trail: what Factdesk told whom, from which corpus version (src/audit/postgres-log.ts).
-- Rows are only inserted and, past AUDIT_RETENTION_DAYS, deleted.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  platform text NOT NULL,
  workspace text NOT NULL,
  channel text NOT NULL,
  user_id text,
  -- NULL when AUDIT_QUERY_TEXT=off.
  text text,
  understood jsonb,
  command text,
  code text NOT NULL,
  corpus_version text NOT NULL,
  statements text[] NOT NULL,
  message_id text,
  process text NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_channel_at ON audit_log (channel, at);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
