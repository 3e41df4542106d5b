package eu.efgs.gateway.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry as an operator reads it: each row with its status, validity window and days left, after the same
 * checks the gateway makes. For {@code cert list|show}, the expiry metrics and the expiry warning.
 */
public final class RegistryReport {

    /** A certificate's standing now. */
    public enum Status { ACTIVE, REVOKED, EXPIRED, NOT_YET_VALID, TAMPERED }

    /** One registry row, checked. The certificate is absent when the row is tampered with beyond reading. */
    public record Entry(RegistryRow row, Status status, Optional<X509Certificate> certificate,
                        Optional<Instant> notBefore, Optional<Instant> notAfter, Optional<Long> daysLeft,
                        String integrity) {
    }

    private final CertificateStore store;
    private final TrustAnchor anchor;
    private final RecordSeal recordSeal;

    public RegistryReport(CertificateStore store, TrustAnchor anchor, RecordSeal recordSeal) {
        this.store = store;
        this.anchor = anchor;
        this.recordSeal = recordSeal;
    }

    public List<Entry> all(Instant now) {
        return store.all().stream().map(row -> entry(row, now)).toList();
    }

    public Optional<Entry> find(String thumbprint, Instant now) {
        return store.find(thumbprint).map(row -> entry(row, now));
    }

    /** The active ones of {@code entries} whose validity ends within {@code window}, soonest first. */
    public static List<Entry> expiringWithin(List<Entry> entries, Duration window, Instant now) {
        return entries.stream().filter(e -> e.status() == Status.ACTIVE)
                .filter(e -> e.notAfter().orElseThrow().isBefore(now.plus(window)))
                .sorted(java.util.Comparator.comparing(e -> e.notAfter().orElseThrow())).toList();
    }

    private Entry entry(RegistryRow row, Instant now) {
        CertificateIntegrity.Check record = CertificateIntegrity.record(row, recordSeal);
        CertificateIntegrity.Result pem = CertificateIntegrity.pem(row, anchor);
        Optional<X509Certificate> certificate = pem.certificate().or(() -> parse(row.pem()));
        Optional<Instant> notBefore = certificate.map(c -> c.getNotBefore().toInstant());
        Optional<Instant> notAfter = certificate.map(c -> c.getNotAfter().toInstant());
        Optional<Long> daysLeft = notAfter.map(end -> daysLeft(now, end));
        CertificateIntegrity.Check check = record != CertificateIntegrity.Check.INTACT ? record : pem.check();
        Status status;
        if (check != CertificateIntegrity.Check.INTACT) {
            status = Status.TAMPERED;
        } else if (row.revoked()) {
            status = Status.REVOKED;
        } else if (now.isAfter(notAfter.orElseThrow())) {
            status = Status.EXPIRED;
        } else if (now.isBefore(notBefore.orElseThrow())) {
            status = Status.NOT_YET_VALID;
        } else {
            status = Status.ACTIVE;
        }
        return new Entry(row, status, certificate, notBefore, notAfter, daysLeft, check.name());
    }

    /** Whole days from {@code now} until {@code notAfter}; negative once expired (a partial day counts as 0). */
    public static long daysLeft(Instant now, Instant notAfter) {
        return Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L);
    }

    private static Optional<X509Certificate> parse(String pem) {
        try {
            return Optional.of(CertificatePem.parse(pem));
        } catch (CertificatePem.PemException e) {
            return Optional.empty();
        }
    }
}
