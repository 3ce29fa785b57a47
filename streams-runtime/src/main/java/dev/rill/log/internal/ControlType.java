package dev.rill.log.internal;

import dev.rill.annotation.Internal;

/** The kind of a control batch: the marker that ends a transaction in one partition. */
@Internal
public enum ControlType {
    /** The producer's open transaction in this partition is aborted; its data is never visible to read_committed. */
    ABORT(0),
    /** The producer's open transaction in this partition is committed. */
    COMMIT(1);

    private final short id;

    ControlType(int id) {
        this.id = (short) id;
    }

    /** @return the number stored in the control record's key */
    public short id() {
        return id;
    }

    /**
     * @param id a stored control type number
     * @return the control type, or {@code null} if the number is unknown
     */
    public static ControlType forId(short id) {
        return id == 0 ? ABORT : id == 1 ? COMMIT : null;
    }
}
