package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A transactional producer was replaced by a newer one with the same {@code transactional.id}; the old one
 * can only be closed.
 */
@Evolving
public class ProducerFencedException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message which transactional id, and the old and current epochs */
    public ProducerFencedException(String message) {
        super(message);
    }
}
