-- Frontline store. Plain SQL that SQLite and PostgreSQL both run: text keys made from
-- content (so re-ingesting is idempotent), ISO-8601 dates as text, no engine-specific types.

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,               -- hash of the normalised title and body
    source_file TEXT NOT NULL,         -- path as given, '#N' for the Nth record of a multi-record file
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    published TEXT,                    -- ISO datetime, NULL when the printed date could not be read
    published_text TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',   -- outlet
    body TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS places (
    ref TEXT PRIMARY KEY,              -- geonames:99072, curated:gogjali, user:..., area:west-of:geonames:99072
    name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    admin1 TEXT NOT NULL DEFAULT '',
    population BIGINT NOT NULL DEFAULT 0,
    geo_precision INTEGER NOT NULL DEFAULT 1,
    anchor_ref TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,               -- article id ':' start offset
    article_id TEXT NOT NULL REFERENCES articles(id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    surface TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    place_ref TEXT REFERENCES places(ref),   -- NULL = unresolved
    confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
    method TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    candidates TEXT NOT NULL DEFAULT '[]'   -- JSON list of runner-ups [{ref, name, score, why}]
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_ref);

CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,               -- hash of article id, evidence offsets, place text, side, type
    article_id TEXT NOT NULL REFERENCES articles(id),
    mention_id TEXT,                   -- the anchor mention
    place_ref TEXT REFERENCES places(ref),   -- NULL = place not resolved
    place_text TEXT NOT NULL,
    actor_text TEXT NOT NULL DEFAULT '',
    side TEXT NOT NULL DEFAULT '',
    claim_type TEXT NOT NULL,
    date_value TEXT,                   -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision TEXT,               -- day | week | month | year
    date_start TEXT,                   -- first ISO day the date can mean
    date_end TEXT,                     -- last ISO day
    geo_precision INTEGER NOT NULL DEFAULT 1,
    claimed_by TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS claims_place ON claims(place_ref);
CREATE INDEX IF NOT EXISTS claims_date ON claims(date_start);

CREATE TABLE IF NOT EXISTS geocode_cache (
    query TEXT NOT NULL,               -- normalised name
    bias TEXT NOT NULL DEFAULT '',     -- country codes and context used, e.g. 'IQ'
    provider TEXT NOT NULL,            -- offline | nominatim
    answer TEXT,                       -- JSON of the answer; NULL = not found
    temporary INTEGER NOT NULL DEFAULT 0,   -- 1 = a failure to retry later, not a real miss
    hits INTEGER NOT NULL DEFAULT 0,
    misses INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (query, bias, provider)
);

CREATE TABLE IF NOT EXISTS corrections (
    name_key TEXT NOT NULL,            -- normalised name the user corrected
    country TEXT NOT NULL DEFAULT '',  -- '' = everywhere
    place_ref TEXT NOT NULL,
    name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    kind TEXT NOT NULL DEFAULT 'town',
    created_at TEXT NOT NULL,
    PRIMARY KEY (name_key, country)
);

CREATE TABLE IF NOT EXISTS failures (
    source_file TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_jobs (
    id TEXT PRIMARY KEY,               -- articles added from the browser, one row per upload
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'running',   -- running | done | failed
    message TEXT NOT NULL DEFAULT '',
    failed TEXT NOT NULL DEFAULT '[]',       -- JSON list of [file, reason]
    updated_at TEXT NOT NULL
);
