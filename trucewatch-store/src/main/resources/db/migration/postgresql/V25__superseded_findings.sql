-- The findings that a re-assessment under the same terms no longer states because a detection or
-- report joined or left their incident, which renamed it: each as it stood when superseded (its
-- id, clause, verdict, the method version and the SHA-256 of each of its evidence rows,
-- space-separated, sorted) and when. An analyst's review posted of such a finding, shown before
-- the re-assessment, is kept as the review of the finding the analyst saw, and a request for it
-- names the finding that now rests on all its rows. Emptied when the terms change.
CREATE TABLE superseded_findings (
  finding_id VARCHAR(120) NOT NULL PRIMARY KEY,
  terms_id BIGINT NOT NULL REFERENCES terms (id),
  clause_id VARCHAR(64) NOT NULL,
  verdict VARCHAR(24) NOT NULL,
  method_version VARCHAR(40) NOT NULL,
  evidence TEXT NOT NULL,
  superseded TIMESTAMP WITH TIME ZONE NOT NULL
);
