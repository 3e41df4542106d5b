package eu.efgs.gateway.upload;

import eu.efgs.gateway.keys.KeyFinding;
import eu.efgs.gateway.platform.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code POST /diagnosiskeys/upload?dryRun=true}: every finding of every check, so a national
 * backend can drop the bad keys, re-sign and upload once. Nothing is stored.
 */
public class DryRunReport {

    /**
     * One finding, in the catalogue's terms: {@code code} and {@code status} are what the real upload would answer
     * (KEY_INVALID findings name their {@code rule}, as the upload's {@code errors} do). {@code index} is the key's
     * request index, or null for the upload as a whole.
     */
    public record Finding(Integer index, ErrorCode code, int status, String rule, String message) {

        static Finding of(Integer index, ErrorCode code, String rule, String message) {
            return new Finding(index, code, code.status(), rule, message);
        }
    }

    private final String batchTag;
    private final int keyCount;
    private final List<Finding> findings = new ArrayList<>();

    DryRunReport(String batchTag, int keyCount) {
        this.batchTag = batchTag;
        this.keyCount = keyCount;
    }

    void key(KeyFinding finding) {
        findings.add(Finding.of(finding.index(), ErrorCode.KEY_INVALID, finding.rule().name(), finding.message()));
    }

    void upload(ErrorCode code, String message) {
        findings.add(Finding.of(null, code, null, message));
    }

    void duplicate(int index) {
        findings.add(Finding.of(index, ErrorCode.DUPLICATE_KEY, null, ErrorCode.DUPLICATE_KEY.title()));
    }

    public boolean isAcceptable() {
        return findings.isEmpty();
    }

    public String getBatchTag() {
        return batchTag;
    }

    public int getKeyCount() {
        return keyCount;
    }

    public List<Finding> getFindings() {
        return findings;
    }
}
