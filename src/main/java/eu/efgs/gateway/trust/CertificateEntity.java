package eu.efgs.gateway.trust;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A registry row. Only {@code raw_data} is sealed; everything else is re-checked against it on read. */
@Entity
@Table(name = "certificate")
public class CertificateEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false, length = 64)
    public String thumbprint;

    @Column(nullable = false, length = 2)
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 14)
    public CertificateType type;

    @Column(nullable = false)
    public boolean revoked;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public String host;

    /** Base64 trust-anchor signature over {@link #rawData}. */
    @Column(nullable = false)
    public String signature;

    /** PEM text exactly as sealed. */
    @Column(name = "raw_data", nullable = false)
    public String rawData;

    public static Optional<CertificateEntity> findByThumbprint(String thumbprint) {
        return find("thumbprint", thumbprint).firstResultOptional();
    }
}
