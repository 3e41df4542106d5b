package eu.efgs.gateway.upload;

import eu.interop.DiagnosisKey;
import java.util.List;

/** A decoded upload from an authenticated country. */
public record UploadRequest(String country, String uploaderThumbprint, String batchTag, String batchSignature,
                            String formatVersion, List<DiagnosisKey> keys) {
}
