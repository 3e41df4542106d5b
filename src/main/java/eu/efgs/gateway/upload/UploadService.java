package eu.efgs.gateway.upload;

import eu.efgs.gateway.keys.KeyFinding;
import eu.efgs.gateway.keys.KeyPolicyConfig;
import eu.efgs.gateway.keys.KeyValidator;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.signing.BatchSignatureVerifier;
import eu.efgs.gateway.signing.CanonicalBytes;
import eu.efgs.gateway.signing.SignatureCheck;
import eu.efgs.gateway.trust.Thumbprints;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The upload checks with the original's answers in its order (validation → size → tag → signature), then an
 * all-or-nothing write. Each refusal is a {@link GatewayException} with its own code.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);

    @Inject
    KeyPolicyConfig keyPolicy;

    @Inject
    UploadConfig config;

    @Inject
    BatchSignatureVerifier verifier;

    @Inject
    UploadStore store;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private KeyValidator validator;

    @PostConstruct
    void init() {
        validator = new KeyValidator(KeyValidator.Policy.of(keyPolicy));
    }

    public UploadOutcome upload(UploadRequest request) {
        requireKeys(request);
        Instant now = clock.instant();
        List<KeyFinding> findings = validator.findings(request.keys(), now);
        if (!findings.isEmpty()) {
            KeyFinding first = findings.get(0);
            throw new GatewayException(ErrorCode.KEY_INVALID, "Key " + first.index() + ": " + first.message()
                    + " (" + first.rule() + ")", findings);
        }
        requireSize(request);
        UploadStore.Prepared prepared = prepare(request);
        SignatureCheck signature = requireSignature(request, prepared);
        // Optimistic: the unique constraints find a taken tag or duplicate keys; only then are they looked up (the
        // stored content for a 201 or 409, the duplicates for a 207), so a new upload reads nothing first.
        UploadStore.Written written = store.write(withSigner(prepared, signature), now);
        return count(switch (written.conflict()) {
            case NONE -> new UploadOutcome.Created(written.uploadId());
            case PAYLOAD_HASH -> duplicatesOrConcurrentTwin(prepared, duplicates(prepared));
            case BATCH_TAG -> {
                // the tag is taken (a retry, or a concurrent upload of it that won): stored already, or a 409
                requireTagFreeOrSameContent(prepared);
                yield new UploadOutcome.AlreadyStored();
            }
        }, request);
    }

    /**
     * Keys that collide because a concurrent retry of this very upload (same country, tag and keys) was stored
     * first are no duplicates: the upload is already stored.
     */
    private UploadOutcome duplicatesOrConcurrentTwin(UploadStore.Prepared prepared, List<Integer> duplicates) {
        if (requireTagFreeOrSameContent(prepared)) {
            return new UploadOutcome.AlreadyStored();
        }
        return new UploadOutcome.Duplicates(duplicates, prepared.request().keys().size());
    }

    /** Every check, every finding, nothing stored. */
    public DryRunReport dryRun(UploadRequest request) {
        Instant now = clock.instant();
        DryRunReport report = new DryRunReport(request.batchTag(), request.keys().size());
        if (request.keys().isEmpty()) {
            report.upload(ErrorCode.NO_KEYS, ErrorCode.NO_KEYS.title());
        }
        validator.findings(request.keys(), now).forEach(report::key);
        if (request.keys().size() > config.maxKeys()) {
            report.upload(ErrorCode.TOO_MANY_KEYS, "More than " + config.maxKeys() + " keys");
        }
        UploadStore.Prepared prepared = prepare(request);
        Optional<String> stored = store.contentHash(request.country(), request.batchTag());
        if (stored.isPresent() && !stored.get().equals(prepared.contentHash())) {
            report.upload(ErrorCode.BATCH_TAG_CONFLICT, ErrorCode.BATCH_TAG_CONFLICT.title());
        }
        SignatureCheck signature = verifier.verify(request.batchSignature(), prepared.signedBytes(),
                request.keys(), request.country());
        if (!signature.valid()) {
            ErrorCode code = SignatureErrors.code(signature.reason());
            report.upload(code, code.title());
        }
        if (stored.isEmpty()) {
            duplicates(prepared).forEach(report::duplicate);
        }
        return report;
    }

    /** The original stored an empty upload (and batched it); there is nothing to sign, store or announce. */
    private static void requireKeys(UploadRequest request) {
        if (request.keys().isEmpty()) {
            throw new GatewayException(ErrorCode.NO_KEYS, null);
        }
    }

    private void requireSize(UploadRequest request) {
        if (request.keys().size() > config.maxKeys()) {
            throw new GatewayException(ErrorCode.TOO_MANY_KEYS, request.keys().size() + " keys; at most "
                    + config.maxKeys() + " per upload");
        }
    }

    /** Refuses (409) a tag this country used for other keys; true when it holds exactly these keys already. */
    private boolean requireTagFreeOrSameContent(UploadStore.Prepared prepared) {
        UploadRequest request = prepared.request();
        Optional<String> stored = store.contentHash(request.country(), request.batchTag());
        if (stored.isPresent() && !stored.get().equals(prepared.contentHash())) {
            throw new GatewayException(ErrorCode.BATCH_TAG_CONFLICT, "BatchTag " + request.batchTag()
                    + " was already used by your country for different keys");
        }
        return stored.isPresent();
    }

    /**
     * The original checks the tag before the signature, so a refused signature is reported only for a tag that is
     * free or holds this very content; the tag is looked up then, not for every upload.
     */
    private SignatureCheck requireSignature(UploadRequest request, UploadStore.Prepared prepared) {
        SignatureCheck check = verifier.verify(request.batchSignature(), prepared.signedBytes(), request.keys(),
                request.country());
        if (!check.valid()) {
            requireTagFreeOrSameContent(prepared);
            metrics.counter("efgs.uploads", "outcome", "signature_refused").increment();
            throw new GatewayException(SignatureErrors.code(check.reason()), null);
        }
        return check;
    }

    /** Canonical order, per-key payload hashes and the signed bytes, computed once per upload. */
    private static UploadStore.Prepared prepare(UploadRequest request) {
        List<CanonicalBytes.Entry> canonical = CanonicalBytes.sorted(request.keys());
        List<String> hashes = new ArrayList<>(canonical.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream(canonical.size() * 96);
        for (CanonicalBytes.Entry entry : canonical) {
            hashes.add(Thumbprints.ofBytes(entry.stream()));
            all.writeBytes(entry.stream());
        }
        byte[] signedBytes = all.toByteArray();
        return new UploadStore.Prepared(request, canonical, hashes, signedBytes, Thumbprints.ofBytes(signedBytes),
                null);
    }

    private static UploadStore.Prepared withSigner(UploadStore.Prepared prepared, SignatureCheck signature) {
        return new UploadStore.Prepared(prepared.request(), prepared.canonical(), prepared.payloadHashes(),
                prepared.signedBytes(), prepared.contentHash(), signature.signer().orElseThrow().thumbprint());
    }

    /** Request indexes of keys already stored, or repeating an earlier key of the same upload. */
    private List<Integer> duplicates(UploadStore.Prepared prepared) {
        Set<String> stored = store.storedHashes(prepared.payloadHashes());
        int[] requestIndexes = prepared.canonical().stream().mapToInt(CanonicalBytes.Entry::requestIndex).toArray();
        String[] hashByRequestIndex = new String[requestIndexes.length];
        for (int position = 0; position < requestIndexes.length; position++) {
            hashByRequestIndex[requestIndexes[position]] = prepared.payloadHashes().get(position);
        }
        Set<String> seen = new HashSet<>();
        List<Integer> duplicates = new ArrayList<>();
        for (int index = 0; index < hashByRequestIndex.length; index++) {
            String hash = hashByRequestIndex[index];
            if (stored.contains(hash) || !seen.add(hash)) {
                duplicates.add(index);
            }
        }
        return duplicates;
    }

    private UploadOutcome count(UploadOutcome outcome, UploadRequest request) {
        String name = outcome instanceof UploadOutcome.Created ? "created"
                : outcome instanceof UploadOutcome.AlreadyStored ? "already_stored" : "duplicates";
        metrics.counter("efgs.uploads", "outcome", name).increment();
        if (outcome instanceof UploadOutcome.Created) {
            metrics.counter("efgs.uploaded.keys", "country", request.country()).increment(request.keys().size());
            LOG.infof("Upload %s from %s stored: %d keys", request.batchTag(), request.country(),
                    request.keys().size());
        }
        return outcome;
    }
}
