-- What each source's statements are about: the (ecosystem, distribution) pairs it holds data for. A scan reads this
-- small table to say which of an image's distributions and language ecosystems no loaded source covers, instead of
-- reading the whole affected_package table. Filled on every source replacement; here from the data already stored.
CREATE TABLE source_coverage (
    source        TEXT NOT NULL,
    ecosystem     TEXT NOT NULL,
    distribution  TEXT
);
CREATE INDEX source_coverage_source ON source_coverage (source);
INSERT INTO source_coverage (source, ecosystem, distribution)
SELECT DISTINCT source, ecosystem, distribution FROM affected_package;
