package eu.efgs.gateway.callback;

import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.TrustedCertificate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One sender: claims due subscriptions one at a time, announces each one's oldest batch and records the outcome.
 * Any number of dispatchers (threads or gateway instances, each with its own {@code owner}) may run against one
 * database; the outbox's lease makes sure a subscription is served by one of them at a time, in batch order.
 */
public final class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class);

    /** The collaborators, shared by every dispatcher of an instance. */
    public record Parts(CallbackOutbox outbox, CallbackSender sender, CertificateRegistry registry,
                        CallbackUrlPolicy policy, Backoff backoff, CallbackConfig config, Clock clock) {
    }

    private final String owner;
    private final Parts parts;

    public CallbackDispatcher(String owner, Parts parts) {
        this.owner = owner;
        this.parts = parts;
    }

    public String owner() {
        return owner;
    }

    /** Delivers due callbacks until none is due (or {@code max-per-run}); returns how many claims it handled. */
    public int run() {
        int handled = 0;
        while (handled < parts.config().maxPerRun()) {
            Instant now = parts.clock().instant();
            Instant leaseUntil = now.plus(parts.config().lease());
            Optional<CallbackOutbox.Claim> claim = parts.outbox().claim(owner, now, leaseUntil);
            if (claim.isEmpty()) {
                break;
            }
            handle(claim.get(), leaseUntil);
            handled++;
        }
        return handled;
    }

    /**
     * Whether a request started now ends (connect and answer, each up to {@code timeout}) before the lease does. A
     * sender whose database answered slowly (a stalled cluster) must not send after its lease ran out: another sender
     * may have the subscription by then and announce the same batch.
     */
    static boolean leaseCoversRequest(Instant now, Instant leaseUntil, Duration timeout) {
        return now.plus(timeout.multipliedBy(2)).isBefore(leaseUntil);
    }

    private void handle(CallbackOutbox.Claim claim, Instant leaseUntil) {
        String subscription = claim.country() + "/" + claim.callbackId();
        if (claim.batchExpired() || parts.outbox().alreadyDownloaded(claim)) {
            parts.outbox().skipped(claim, owner);
            LOG.debugf("Callback %s for batch %s skipped: %s", subscription, claim.batchTag(),
                    claim.batchExpired() ? "the batch has expired" : "the country has already downloaded it");
            return;
        }
        if (!leaseCoversRequest(parts.clock().instant(), leaseUntil, parts.config().timeout())) {
            parts.outbox().giveBack(claim, owner);
            LOG.infof("Callback %s for batch %s not sent now: the database answered so slowly that the lease of %s "
                    + "would end before the request; a later run sends it", subscription, claim.batchTag(), owner);
            return;
        }
        CallbackSender.Attempt attempt = attempt(claim);
        Instant now = parts.clock().instant();
        boolean kept;
        if (attempt.delivered()) {
            kept = parts.outbox().delivered(claim, owner, now);
            LOG.infof("Callback %s announced batch %s (%s)", subscription, claim.batchTag(), attempt.detail());
        } else {
            int failures = claim.consecutiveFailures() + 1;
            boolean failing = failures >= parts.config().failingAfter();
            Instant next = now.plus(parts.backoff().after(failures));
            kept = parts.outbox().failed(claim, owner, attempt.detail(), next, failing);
            LOG.warnf("Callback %s for batch %s failed (%d in a row%s): %s; next attempt at %s", subscription,
                    claim.batchTag(), failures, failing ? ", subscription FAILING" : "", attempt.detail(), next);
        }
        if (!kept) {
            LOG.warnf("Callback %s: the lease of %s ended while sending (efgs.callback.lease is shorter than the "
                    + "request took, or the subscription was deleted)", subscription, owner);
        }
    }

    private CallbackSender.Attempt attempt(CallbackOutbox.Claim claim) {
        CallbackUrlPolicy.Verdict verdict = parts.policy().check(claim.url());
        if (!verdict.ok()) {
            return CallbackSender.Attempt.failed("URL refused at send time (" + verdict.reason() + "): "
                    + verdict.detail());
        }
        List<TrustedCertificate> receivers = new ArrayList<>(
                parts.registry().usable(claim.country(), CertificateType.CALLBACK));
        if (parts.config().acceptAuthenticationCertificates()) {
            receivers.addAll(parts.registry().usable(claim.country(), CertificateType.AUTHENTICATION));
        }
        if (receivers.isEmpty()) {
            return CallbackSender.Attempt.failed("no registered CALLBACK certificate of " + claim.country());
        }
        URI url = URI.create(claim.url());
        return parts.sender().send(url, verdict.addresses(),
                new ReceiverTrustManager(claim.country(), url.getHost(), receivers), claim.batchTag(),
                claim.batchDate());
    }
}
