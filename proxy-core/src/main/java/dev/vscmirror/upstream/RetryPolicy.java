package dev.vscmirror.upstream;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.Date;

/**
 * When to retry an upstream request (issue 3 "Upstream client"): only idempotent GET/HEAD, only on a connect failure,
 * 429 or 503, at most {@code maxRetries} times, waiting an exponential back-off or the server's {@code Retry-After}
 * (seconds or an HTTP date), capped so a hostile value cannot park a request for long.
 */
record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxBackoff, Duration maxRetryAfter) {

    static RetryPolicy of(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    static boolean idempotent(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    /** True when status {@code status} asks for another attempt (the caller checks method and budget). */
    static boolean retryableStatus(int status) {
        return status == 429 || status == 503;
    }

    boolean budgetLeft(int retriesSoFar) {
        return retriesSoFar < maxRetries;
    }

    /** Back-off before retry number {@code retry} (0-based): base * 2^retry, capped. */
    Duration backoff(int retry) {
        long millis = baseDelay.toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** The wait before retrying after {@code response}: its Retry-After if present and sane, else the back-off. */
    Duration delayAfter(HttpResponse response, int retry) {
        String value = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        Duration fromHeader = parseRetryAfter(value, System.currentTimeMillis());
        if (fromHeader == null) {
            return backoff(retry);
        }
        return fromHeader.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : fromHeader;
    }

    /** {@code Retry-After} as a duration (delta-seconds or HTTP-date), or null when absent or unparseable. */
    static Duration parseRetryAfter(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            Date date = DateFormatter.parseHttpDate(v);
            return date == null ? null : Duration.ofMillis(Math.max(0, date.getTime() - nowMillis));
        }
    }
}
