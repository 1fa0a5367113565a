package dev.vscmirror.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.of(3);

    private static HttpResponse tooMany(String retryAfter) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.TOO_MANY_REQUESTS);
        if (retryAfter != null) {
            r.headers().set("Retry-After", retryAfter);
        }
        return r;
    }

    @Test
    void onlyGetAndHeadAreRetriedAndOnly429And503() {
        assertTrue(RetryPolicy.idempotent(HttpMethod.GET));
        assertTrue(RetryPolicy.idempotent(HttpMethod.HEAD));
        assertFalse(RetryPolicy.idempotent(HttpMethod.POST));
        assertTrue(RetryPolicy.retryableStatus(429));
        assertTrue(RetryPolicy.retryableStatus(503));
        assertFalse(RetryPolicy.retryableStatus(500));
        assertFalse(RetryPolicy.retryableStatus(502));
    }

    @Test
    void backOffDoublesUpToItsCapAndTheBudgetIsBounded() {
        assertEquals(Duration.ofMillis(250), policy.backoff(0));
        assertEquals(Duration.ofMillis(500), policy.backoff(1));
        assertEquals(Duration.ofSeconds(8), policy.backoff(30));
        assertTrue(policy.budgetLeft(2));
        assertFalse(policy.budgetLeft(3));
    }

    @Test
    void retryAfterSecondsAreHonouredAndCapped() {
        assertEquals(Duration.ofSeconds(1), policy.delayAfter(tooMany("1"), 0));
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(tooMany("86400"), 0));
        assertEquals(policy.backoff(1), policy.delayAfter(tooMany("soon"), 1), "unparseable: back-off");
        assertEquals(policy.backoff(0), policy.delayAfter(tooMany(null), 0));
    }

    @Test
    void retryAfterAcceptsAnHttpDate() {
        long now = 1_700_000_000_000L;
        assertEquals(Duration.ofSeconds(120), RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:15:20 GMT", now));
        assertEquals(Duration.ZERO, RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:00:00 GMT", now), "past date");
        assertNull(RetryPolicy.parseRetryAfter("-5", now));
    }
}
