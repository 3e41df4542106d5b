package eu.efgs.gateway.download;

/** One upload's keys inside a batch, decrypted and serialised in both formats. */
public record Slice(int index, long uploadId, String country, int firstKeyIndex, int keyCount, byte[] protobuf,
                    byte[] json) {
}
