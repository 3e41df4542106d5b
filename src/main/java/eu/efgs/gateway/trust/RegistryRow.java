package eu.efgs.gateway.trust;

import java.time.Instant;

/** A row of the certificate registry as stored, before any check. */
public record RegistryRow(long id, Instant createdAt, String thumbprint, String country, CertificateType type,
                          boolean revoked, Instant revokedAt, String host, String seal, String pem,
                          String recordSeal, String recordKeyId) {

    /** The same row with its decision-relevant columns sealed by {@code recordSeal} under {@code keyId}. */
    RegistryRow withRecordSeal(String sealValue, String keyId) {
        return new RegistryRow(id, createdAt, thumbprint, country, type, revoked, revokedAt, host, seal, pem,
                sealValue, keyId);
    }

    /** The same row, revoked at {@code at}. */
    RegistryRow revokedAt(Instant at) {
        return new RegistryRow(id, createdAt, thumbprint, country, type, true, at, host, seal, pem, recordSeal,
                recordKeyId);
    }
}
