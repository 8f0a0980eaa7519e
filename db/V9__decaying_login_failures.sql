-- Sign-in throttling by decaying counts rather than locks (account.AuthService). Each row is a leaky bucket of
-- failed sign-ins, stored as the time it will have drained empty: every failure pushes that time on by one
-- interval (the limit's window divided by its size), and time drains it. client is the address the failures came
-- from, or '' for the username's failures from every address together. Rows are kept for any name tried, a user's
-- or not (so that names cannot be told apart by how they are throttled), and deleted once drained; how fast rows
-- can be added is bounded by the per-address and per-instance limits.
DROP TABLE login_throttle;

CREATE TABLE login_failure (
    username   VARCHAR(64) NOT NULL,
    client     VARCHAR(64) NOT NULL,
    drained_at DATETIME(6) NOT NULL,
    PRIMARY KEY (username, client),
    KEY login_failure_drained (drained_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
