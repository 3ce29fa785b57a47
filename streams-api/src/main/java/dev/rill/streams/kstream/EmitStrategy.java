package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * When a windowed aggregation emits results: after every update of a window (the default), or once per
 * window when it closes, that is when stream time reaches {@code window end + grace}.
 *
 * <pre>{@code
 * EmitStrategy finalOnly = EmitStrategy.onWindowClose();
 * }</pre>
 *
 * <p>With {@link #onWindowClose()} results come out in order of window start, then key, carrying the
 * largest record timestamp of the window; windows still open when input ends are not emitted.
 * Immutable.
 */
@Stable
public final class EmitStrategy {

    /** The kinds of emit strategy. */
    @Stable
    public enum StrategyType {
        /** Emit the new value of a window after every update. */
        ON_WINDOW_UPDATE,
        /** Emit each window's value once, when the window closes. */
        ON_WINDOW_CLOSE
    }

    private static final EmitStrategy ON_WINDOW_UPDATE = new EmitStrategy(StrategyType.ON_WINDOW_UPDATE);
    private static final EmitStrategy ON_WINDOW_CLOSE = new EmitStrategy(StrategyType.ON_WINDOW_CLOSE);

    private final StrategyType type;

    private EmitStrategy(StrategyType type) {
        this.type = type;
    }

    /**
     * @return the strategy that emits each window once, when it closes
     */
    public static EmitStrategy onWindowClose() {
        return ON_WINDOW_CLOSE;
    }

    /**
     * @return the strategy that emits after every update; the default
     */
    public static EmitStrategy onWindowUpdate() {
        return ON_WINDOW_UPDATE;
    }

    /** @return which strategy this is */
    public StrategyType type() {
        return type;
    }

    /** @return {@code EmitStrategy.onWindowClose()} or {@code EmitStrategy.onWindowUpdate()} */
    @Override
    public String toString() {
        return type == StrategyType.ON_WINDOW_CLOSE ? "EmitStrategy.onWindowClose()" : "EmitStrategy.onWindowUpdate()";
    }
}
