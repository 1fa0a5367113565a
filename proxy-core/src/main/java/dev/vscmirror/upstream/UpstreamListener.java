package dev.vscmirror.upstream;

/**
 * Observes upstream traffic, for metrics ({@code MirrorMetrics.upstream} and {@code upstreamRetry}). Called on
 * Netty event loops: implementations must be fast and must not block.
 */
public interface UpstreamListener {
    /** Ignores everything. */
    UpstreamListener NONE = new UpstreamListener() { };

    /**
     * An upstream answered: {@code nanos} from sending the request (including connecting) to the response head.
     * Called for every attempt, so a retried 429 is reported too.
     */
    default void response(String host, int status, long nanos) {
    }

    /** An attempt failed before a response head arrived. */
    default void failure(String host, UpstreamException cause, long nanos) {
    }

    /** A request is being retried; {@code reason} is e.g. "429", "503" or "connect". */
    default void retry(String host, String reason) {
    }
}
