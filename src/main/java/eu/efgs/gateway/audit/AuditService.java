package eu.efgs.gateway.audit;

import eu.efgs.gateway.download.DownloadBatch;
import eu.efgs.gateway.download.BatchRepository;
import eu.efgs.gateway.download.Slice;
import eu.efgs.gateway.trust.CertificateLookup;
import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.TrustedCertificate;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audit entries of a batch: per slice, the uploader and signing certificates with their trust-anchor seals (also
 * for since-revoked certificates; a tampered row gives nulls, as the original), the exact uploaded signature and
 * the slice's key count. Uploads are stored whole, so every slice is exactly what was signed.
 */
@ApplicationScoped
public class AuditService {

    @Inject
    BatchRepository batches;

    @Inject
    CertificateRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    public List<AuditEntry> entries(DownloadBatch batch) {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT country, uploaded_at, uploader_thumbprint, "
                     + "signing_thumbprint, batch_signature FROM upload_batch WHERE id = ?")) {
            for (Slice slice : batches.slices(batch)) {
                select.setLong(1, slice.uploadId());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    String country = row.getString(1);
                    Optional<TrustedCertificate> uploader = certificate(row.getString(3), country,
                            CertificateType.AUTHENTICATION);
                    Optional<TrustedCertificate> signer = certificate(row.getString(4), country,
                            CertificateType.SIGNING);
                    entries.add(new AuditEntry(country, row.getTimestamp(2).toInstant().toString(),
                            uploader.map(TrustedCertificate::pem).orElse(null), row.getString(3),
                            uploader.map(TrustedCertificate::seal).orElse(null),
                            signer.map(TrustedCertificate::pem).orElse(null), row.getString(4),
                            signer.map(TrustedCertificate::seal).orElse(null), slice.keyCount(), row.getString(5),
                            slice.firstKeyIndex()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read audit data of " + batch.batchTag(), e);
        }
        return entries;
    }

    private Optional<TrustedCertificate> certificate(String thumbprint, String country, CertificateType type) {
        CertificateLookup lookup = registry.read(thumbprint, country, type);
        return lookup.outcome() == CertificateLookup.Outcome.VALID
                || lookup.outcome() == CertificateLookup.Outcome.REVOKED
                ? lookup.certificate() : Optional.empty();
    }
}
