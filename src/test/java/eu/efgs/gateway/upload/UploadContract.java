package eu.efgs.gateway.upload;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.signing.SignatureCheck;
import java.lang.annotation.Annotation;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** What the upload can answer, as the code defines it, for the contract test (package-private types). */
public final class UploadContract {

    /** Resource methods under upload admission can be refused with UPLOADS_BUSY. */
    public static final Class<? extends Annotation> ADMITTED = Admitted.class;

    /** The header a 201 echoes. */
    public static final String CREATED_HEADER = UploadResource.BATCH_TAG;

    private UploadContract() {
    }

    /** One code per failed signature check. */
    public static Set<ErrorCode> signatureCodes() {
        EnumSet<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        Stream.of(SignatureCheck.Reason.values()).filter(r -> r != SignatureCheck.Reason.VALID)
                .map(SignatureErrors::code).forEach(codes::add);
        return codes;
    }
}
