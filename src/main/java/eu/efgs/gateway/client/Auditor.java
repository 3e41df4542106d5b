package eu.efgs.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.efgs.gateway.signing.CanonicalBytes;
import eu.efgs.gateway.signing.DetachedSignatures;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateSubjects;
import eu.efgs.gateway.trust.Seals;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent auditor, speaking only the public API: downloads every batch of a date (following
 * nextBatchTag), fetches its audit entries and checks each upload slice: both certificates' trust-anchor seals,
 * their thumbprints, that the signer's country is the origin of every key, and the CMS signature over the
 * slice's canonical bytes.
 */
public final class Auditor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI gateway;
    private final X509Certificate anchor;
    private final String ownCountry;
    private final PrintWriter out;

    public Auditor(HttpClient http, URI gateway, X509Certificate anchor, String ownCountry, PrintWriter out) {
        this.http = http;
        this.gateway = gateway;
        this.anchor = anchor;
        this.ownCountry = ownCountry;
        this.out = out;
    }

    /** Audits every batch reachable from {@code date}; returns the number of failed checks. */
    public int audit(LocalDate date) throws IOException, InterruptedException {
        List<GatewayClient.Batch> batches = new GatewayClient(http, gateway, Integer.MAX_VALUE).downloadDay(date);
        if (batches.isEmpty()) {
            out.printf("%s: no batches%n", date);
        }
        int failures = 0;
        for (GatewayClient.Batch batch : batches) {
            failures += audit(date, batch.batchTag(), batch.keys());
        }
        return failures;
    }

    /** Audits one batch; returns the number of failed checks. */
    public int audit(LocalDate date, String batchTag) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = download(date, batchTag);
        if (response.statusCode() != 200) {
            out.printf("%s: download answered %d — FAILED%n", batchTag, response.statusCode());
            return 1;
        }
        return audit(date, batchTag, DiagnosisKeyBatch.parseFrom(response.body()).getKeysList());
    }

    private int audit(LocalDate date, String batchTag, List<DiagnosisKey> keys)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get("/diagnosiskeys/audit/download/" + date + "/" + batchTag,
                "application/json",
                null);
        if (response.statusCode() != 200) {
            out.printf("%s: audit answered %d — FAILED%n", batchTag, response.statusCode());
            return 1;
        }
        JsonNode entries = JSON.readTree(response.body());
        int offset = 0;
        int failures = 0;
        int slice = 0;
        for (JsonNode entry : entries) {
            String country = entry.path("country").asText();
            if (country.equals(ownCountry)) {
                slice++;
                continue; // own uploads are not in our download
            }
            int amount = entry.path("amount").asInt();
            if (offset + amount > keys.size()) {
                out.printf("%s slice %d (%s): amount %d exceeds the downloaded keys — FAILED%n", batchTag, slice,
                        country, amount);
                return failures + 1;
            }
            List<String> problems = check(entry, keys.subList(offset, offset + amount));
            offset += amount;
            out.printf("%s slice %d (%s, %d keys): %s%n", batchTag, slice, country, amount,
                    problems.isEmpty() ? "OK" : "FAILED: " + String.join("; ", problems));
            failures += problems.isEmpty() ? 0 : 1;
            slice++;
        }
        if (offset != keys.size()) {
            out.printf("%s: %d downloaded keys are not covered by audit entries — FAILED%n", batchTag,
                    keys.size() - offset);
            failures++;
        }
        return failures;
    }

    private List<String> check(JsonNode entry, List<DiagnosisKey> slice) {
        List<String> problems = new ArrayList<>();
        String country = entry.path("country").asText();
        X509Certificate uploader = certificate(entry, "uploaderCertificate", "uploaderOperatorSignature",
                "uploaderThumbprint", problems);
        X509Certificate signer = certificate(entry, "signingCertificate", "signingCertificateOperatorSignature",
                "uploaderSigningThumbprint", problems);
        if (uploader != null && !CertificateSubjects.countries(uploader).equals(List.of(country))) {
            problems.add("uploader certificate is not of " + country);
        }
        if (signer == null) {
            return problems;
        }
        if (!CertificateSubjects.countries(signer).equals(List.of(country))
                || slice.stream().anyMatch(key -> !key.getOrigin().equals(country))) {
            problems.add("signer country is not the origin of every key");
        }
        if (!DetachedSignatures.verify(CanonicalBytes.of(slice), entry.path("batchSignature").asText(), signer)) {
            problems.add("batch signature does not verify over the downloaded keys");
        }
        return problems;
    }

    private X509Certificate certificate(JsonNode entry, String pemField, String sealField, String thumbprintField,
                                        List<String> problems) {
        String pem = entry.path(pemField).isTextual() ? entry.path(pemField).asText() : null;
        if (pem == null) {
            problems.add(pemField + " missing");
            return null;
        }
        if (!Seals.verify(pem, entry.path(sealField).asText(null), anchor)) {
            problems.add(pemField + " seal does not verify with the trust anchor");
        }
        try {
            X509Certificate certificate = CertificatePem.parse(pem);
            if (!Thumbprints.of(certificate).equals(entry.path(thumbprintField).asText())) {
                problems.add(thumbprintField + " does not match " + pemField);
            }
            return certificate;
        } catch (CertificatePem.PemException e) {
            problems.add(pemField + " unreadable");
            return null;
        }
    }

    private HttpResponse<byte[]> download(LocalDate date, String batchTag) throws IOException, InterruptedException {
        return get("/diagnosiskeys/download/" + date, "application/protobuf; version=1.0", batchTag);
    }

    private HttpResponse<byte[]> get(String path, String accept, String batchTag)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).header("Accept", accept).GET();
        if (batchTag != null) {
            request.header("batchTag", batchTag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
