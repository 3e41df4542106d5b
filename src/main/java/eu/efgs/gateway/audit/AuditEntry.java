package eu.efgs.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One upload slice of a download batch (EFGS §9), in download order. {@code firstIndex} (new) is the index of the
 * slice's first key in the batch as created, before the requester's own slices are left out.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"country", "uploadedTime", "uploaderCertificate", "uploaderThumbprint",
    "uploaderOperatorSignature", "signingCertificate", "uploaderSigningThumbprint",
    "signingCertificateOperatorSignature", "amount", "batchSignature", "firstIndex"})
public record AuditEntry(String country, String uploadedTime, String uploaderCertificate, String uploaderThumbprint,
                         String uploaderOperatorSignature, String signingCertificate, String uploaderSigningThumbprint,
                         String signingCertificateOperatorSignature, long amount, String batchSignature,
                         int firstIndex) {
}
