-- The curation desk: accounts, sessions and drafts as revisioned documents, and the change history.
-- A write names the revision it read (UPDATE … WHERE rev = $read), so of two saves one wins.

CREATE TABLE desk_document (
  collection text NOT NULL,
  id text NOT NULL,
  rev integer NOT NULL CHECK (rev > 0),
  body jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);

CREATE TABLE desk_history (
  n bigserial PRIMARY KEY,
  body jsonb NOT NULL
);
