package dev.rill.log;

import dev.rill.annotation.Evolving;

/** What a reader of a partition sees of transactional data. */
@Evolving
public enum IsolationLevel {
    /** Everything up to the log end offset, including data of open and aborted transactions. */
    READ_UNCOMMITTED,
    /**
     * Only up to the last stable offset (below the first still-open transaction), and never data of
     * aborted transactions.
     */
    READ_COMMITTED
}
