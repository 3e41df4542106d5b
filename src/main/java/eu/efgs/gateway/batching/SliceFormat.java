package eu.efgs.gateway.batching;

/** The two stored serialisations of a slice; the associated data binds each blob to its batch and position. */
public enum SliceFormat {
    PROTOBUF, JSON;

    public String aad(String batchTag, int sliceIndex) {
        return "slice:" + batchTag + ":" + sliceIndex + ":" + name();
    }
}
