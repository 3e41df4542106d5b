package eu.efgs.gateway.upload;

import java.util.List;

/** What became of an upload that passed every check. */
public sealed interface UploadOutcome {

    /** Stored now, whole. */
    record Created(long uploadId) implements UploadOutcome {
    }

    /** The same tag with the same signed content was stored before: nothing stored again. */
    record AlreadyStored() implements UploadOutcome {
    }

    /**
     * Some keys are identical (all eight fields) to stored keys or to earlier keys of this upload. Nothing was
     * stored, so the upload stays verifiable as signed; {@code duplicates} are request indexes.
     */
    record Duplicates(List<Integer> duplicates, int keyCount) implements UploadOutcome {
    }
}
