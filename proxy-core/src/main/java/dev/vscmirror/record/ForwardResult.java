package dev.vscmirror.record;

/**
 * How a forwarded request ended.
 *
 * @param status              the upstream status sent to the client (502/504 when the mirror answered for a failed
 *                            upstream, 0 when nothing was written because fail-over is allowed)
 * @param bytes               response body bytes received from upstream
 * @param outcome             {@code "recorded"} (stored), {@code "passed"} (relayed, not stored) or
 *                            {@code "upstream_error"} (upstream failed; nothing stored)
 * @param failedBeforeResponse true when upstream failed before any byte went to the client and fail-over was allowed:
 *                            the client got nothing yet, the caller answers (fallback mode serves from the store)
 */
public record ForwardResult(int status, long bytes, String outcome, boolean failedBeforeResponse) {
    public static final String RECORDED = "recorded";
    public static final String PASSED = "passed";
    public static final String UPSTREAM_ERROR = "upstream_error";
}
