-- A sign-in through the identity provider has no password to derive the web app's outbox key from: the first
-- refresh of such a sign-in (and only that one, as each refresh token is used once) also carries the person's device
-- secret. Old nodes insert without the column and get FALSE, which is what they mean.
ALTER TABLE refresh_token ADD COLUMN opens_device BOOLEAN NOT NULL DEFAULT FALSE;
