-- Zero-based rules (issue 13): stored, editable rows evaluated by one SQL engine (Polo.Data/Rules/RuleEngine).
-- A rule: a measure (cost | usage | share — the % of the group's cost inside the scope), a scope (filter key → comma-
-- separated values: account, environment, role, service, usage_type (a trailing * is a prefix), resource_type, region,
-- customer, cluster, state (the resource's current state), missing (customer | cluster: the column is empty)), a grain
-- (total | account | customer | cluster | resource, per day), the days it applies on (all | weekdays | weekends), a
-- comparison (<= | < | = | >=) and a threshold. A (group, day) whose value does not satisfy it is a violation.
-- The newest version per rule_id wins; a delete is a version with deleted = 1; the defaults below are version 2000-01-01
-- so any edit overrides them.
CREATE TABLE IF NOT EXISTS rules
(
    rule_id          String,
    version          DateTime64(3, 'UTC'),
    name             String,
    description      String,
    measure          LowCardinality(String),
    scope            Map(String, String),
    grain            LowCardinality(String),
    days             LowCardinality(String),
    comparison       LowCardinality(String),
    threshold        Decimal(18, 2),
    severity         LowCardinality(String),
    cost_type        LowCardinality(String),
    channels         Array(String),
    cooldown_minutes Int32,
    enabled          UInt8,
    changed_by       String,
    deleted          UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY rule_id;

INSERT INTO rules (rule_id, version, name, description, measure, scope, grain, days, comparison, threshold, severity, cost_type,
                   channels, cooldown_minutes, enabled, changed_by, deleted) VALUES
('devtest-cluster-daily', '2000-01-01 00:00:00.000', 'Dev/test clusters at most $150 a day',
 'A development or test cluster costs at most $150 on any day.', 'cost', map('environment', 'dev,test'), 'cluster', 'all', '<=', 150, 'high', 'amortized', [], -1, 1, 'default', 0),
('devtest-weekend-stopped', '2000-01-01 00:00:00.000', 'Dev/test clusters stopped on weekends',
 'Instances of development and test clusters do not run on Saturdays and Sundays.', 'cost', map('environment', 'dev,test', 'resource_type', 'ec2_instance'), 'cluster', 'weekends', '<=', 0, 'medium', 'amortized', [], -1, 1, 'default', 0),
('orphaned-volumes', '2000-01-01 00:00:00.000', 'Orphaned volumes cost $0',
 'EBS volumes attached to nothing (state available) cost nothing.', 'cost', map('resource_type', 'ebs_volume', 'state', 'available'), 'resource', 'all', '=', 0, 'medium', 'amortized', [], -1, 1, 'default', 0),
('idle-eips', '2000-01-01 00:00:00.000', 'Idle Elastic IPs cost $0',
 'No Elastic IP is billed as idle (ElasticIP:IdleAddress).', 'cost', map('usage_type', 'ElasticIP:IdleAddress'), 'resource', 'all', '=', 0, 'medium', 'amortized', [], -1, 1, 'default', 0),
('untagged-share', '2000-01-01 00:00:00.000', 'Untagged spend at most 15 %',
 'At most 15 % of a day''s cost has no customer tag.', 'share', map('missing', 'customer'), 'total', 'all', '<=', 15, 'medium', 'amortized', [], -1, 1, 'default', 0),
('nat-data-daily', '2000-01-01 00:00:00.000', 'NAT data at most 1,000 GB a day',
 'A NAT gateway processes at most 1,000 GB on any day.', 'usage', map('usage_type', 'NatGateway-Bytes'), 'resource', 'all', '<=', 1000, 'high', 'amortized', [], -1, 1, 'default', 0);
