-- API tokens (issue 15): one row per change, the newest version of a token_id wins (ReplacingMergeTree by version;
-- readers take the newest row per token_id so they are right before merges too). Only the SHA-256 of the secret is
-- stored; the token itself (polo_<token_id>_<secret>) is shown once, when it is created. A revoked token keeps its
-- row with revoked_at set.
CREATE TABLE IF NOT EXISTS api_tokens
(
    token_id     String,
    version      DateTime64(3, 'UTC'),
    name         String,
    role         LowCardinality(String),     -- viewer | operator | admin
    secret_hash  String,                     -- lowercase hex SHA-256 of the secret part
    created_by   String,
    created_at   DateTime64(3, 'UTC'),
    revoked_by   String,
    revoked_at   Nullable(DateTime64(3, 'UTC'))
)
ENGINE = ReplacingMergeTree(version)
ORDER BY token_id;
