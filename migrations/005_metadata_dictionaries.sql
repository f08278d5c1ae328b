-- Mutable metadata lives in small tables read through dictionaries (dictGet), never stamped into facts.
CREATE TABLE IF NOT EXISTS account_metadata
(
    account_id   String,
    account_name String,
    role         LowCardinality(String),
    environment  LowCardinality(String),
    owner        String DEFAULT '',
    updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY account_id;

CREATE TABLE IF NOT EXISTS customer_metadata
(
    customer     String,
    display_name String,
    tier         LowCardinality(String),
    updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY customer;

CREATE DICTIONARY IF NOT EXISTS account_dict
(
    account_id   String,
    account_name String,
    role         String,
    environment  String,
    owner        String
)
PRIMARY KEY account_id
SOURCE(CLICKHOUSE(QUERY 'SELECT account_id, argMax(account_name, updated_at) AS account_name, argMax(role, updated_at) AS role, argMax(environment, updated_at) AS environment, argMax(owner, updated_at) AS owner FROM {{database}}.account_metadata GROUP BY account_id'))
LAYOUT(COMPLEX_KEY_HASHED())
LIFETIME(MIN 10 MAX 30);

CREATE DICTIONARY IF NOT EXISTS customer_dict
(
    customer     String,
    display_name String,
    tier         String
)
PRIMARY KEY customer
SOURCE(CLICKHOUSE(QUERY 'SELECT customer, argMax(display_name, updated_at) AS display_name, argMax(tier, updated_at) AS tier FROM {{database}}.customer_metadata GROUP BY customer'))
LAYOUT(COMPLEX_KEY_HASHED())
LIFETIME(MIN 10 MAX 30);
