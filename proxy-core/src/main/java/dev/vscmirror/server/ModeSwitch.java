package dev.vscmirror.server;

import dev.vscmirror.config.MirrorConfig.Mode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror's current mode. Read once per request, so a flip (admin {@code PUT /api/mode}) applies to the next
 * request on every live connection without dropping any.
 */
public final class ModeSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(ModeSwitch.class);

    private final AtomicReference<Mode> mode;

    public ModeSwitch(Mode initial) {
        this.mode = new AtomicReference<>(Objects.requireNonNull(initial, "initial mode"));
    }

    public Mode get() {
        return mode.get();
    }

    /** Sets the mode; returns the previous one. */
    public Mode set(Mode next) {
        Mode previous = mode.getAndSet(Objects.requireNonNull(next, "mode"));
        if (previous != next) {
            LOG.info("mode changed: {} -> {}", previous, next);
        }
        return previous;
    }
}
