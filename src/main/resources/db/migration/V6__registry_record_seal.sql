-- The trust-anchor seal covers the PEM only (seals made with the original's tooling stay valid). What else decides
-- — country, type, host and revoked — is sealed by the gateway with a key derived from its encryption key, so a
-- database write alone cannot make a certificate speak for another country, change its type or un-revoke it.
ALTER TABLE certificate
    ADD COLUMN record_seal   VARCHAR(64) CHARACTER SET ascii NULL,
    ADD COLUMN record_key_id VARCHAR(16) CHARACTER SET ascii NULL;
