-- The corpus store: published versions, immutable once written, and the pointer to the current one.
-- Applied once per schema by src/store/migrate.ts, which records it in schema_migrations.

-- Each raw article text once, by its SHA-256: versions that keep an article share its row.
CREATE TABLE corpus_text (
  hash text PRIMARY KEY,
  body text NOT NULL
);

CREATE TABLE corpus_version (
  seq integer PRIMARY KEY CHECK (seq > 0),
  -- The corpus version: the hash of its canonical content.
  hash text NOT NULL,
  parent integer REFERENCES corpus_version (seq),
  published_at timestamptz NOT NULL,
  published_by text NOT NULL,
  note text NOT NULL,
  format integer NOT NULL,
  -- The search index built once at publish (encodeSearchIndex).
  search_index bytea NOT NULL
);

-- The JSON data files of a version, by file name.
CREATE TABLE corpus_version_file (
  seq integer NOT NULL REFERENCES corpus_version (seq),
  name text NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (seq, name)
);

CREATE TABLE corpus_version_text (
  seq integer NOT NULL REFERENCES corpus_version (seq),
  article_id text NOT NULL,
  text_hash text NOT NULL REFERENCES corpus_text (hash),
  PRIMARY KEY (seq, article_id)
);

-- One row: the current version, moved only by compare-and-set (UPDATE … WHERE seq = the parent).
CREATE TABLE corpus_current (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq integer REFERENCES corpus_version (seq)
);
INSERT INTO corpus_current (singleton, seq) VALUES (true, NULL);
