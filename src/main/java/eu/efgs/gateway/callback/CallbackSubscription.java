package eu.efgs.gateway.callback;

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
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A country's subscription to new-batch notifications. The API changes only url, state and the backoff fields;
 * delivery figures are written by the outbox alone (read-only here), and updates carry changed columns only, so a
 * PUT never overwrites what a sender recorded meanwhile.
 */
@Entity
@DynamicUpdate
@Table(name = "callback_subscription")
public class CallbackSubscription extends PanacheEntityBase {

    /** Delivery health as GET reports it. */
    public enum State { ACTIVE, FAILING }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 2)
    public String country;

    @Column(name = "callback_id", nullable = false, length = 32)
    public String callbackId;

    @Column(nullable = false, length = 1024)
    public String url;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "last_success", insertable = false, updatable = false)
    public Instant lastSuccess;

    @Column(name = "last_error", length = 512, insertable = false, updatable = false)
    public String lastError;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "sent_count", insertable = false, updatable = false)
    public long sentCount;

    @Column(name = "failed_count", insertable = false, updatable = false)
    public long failedCount;

    @Column(name = "skipped_count", insertable = false, updatable = false)
    public long skippedCount;

    public static List<CallbackSubscription> ofCountry(String country) {
        return list("country = ?1 order by callbackId", country);
    }

    public static Optional<CallbackSubscription> find(String country, String callbackId) {
        return find("country = ?1 and callbackId = ?2", country, callbackId).firstResultOptional();
    }
}
