package dev.vscmirror.metrics;

/**
 * A value read at scrape time for a gauge (e.g. the store's exchange count). Called on the scraping thread, so it
 * should be cheap; it must not throw (a gauge that throws is reported as NaN by the registry).
 */
@FunctionalInterface
public interface ToDoubleSupplier {
    /** The current value, in the gauge's unit (documented on the {@code bind*} method). */
    double getAsDouble();
}
