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

    /** One finding: {@code index} is the key's request index, or null for the upload as a whole. */
    public record Finding(Integer index, String code, String message) {
    }

    private final String batchTag;
    private final int keyCount;
    private final List<Finding> findings = new ArrayList<>();

    DryRunReport(String batchTag, int keyCount) {
        this.batchTag = batchTag;
        this.keyCount = keyCount;
    }

    void key(KeyFinding finding) {
        findings.add(new Finding(finding.index(), finding.rule().name(), finding.message()));
    }

    void upload(ErrorCode code, String message) {
        findings.add(new Finding(null, code.name(), message));
    }

    void duplicate(int index) {
        findings.add(new Finding(index, "DUPLICATE_KEY", "Identical to a stored key or an earlier key of this upload"));
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
