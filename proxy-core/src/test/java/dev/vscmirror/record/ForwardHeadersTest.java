package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vscmirror.store.Header;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardHeadersTest {
    @Test
    void upstreamRequestLosesHopByHopHeadersAndKeepsEndToEndOnes() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("Host", "marketplace.visualstudio.com").add("Connection", "keep-alive, X-Private")
                .add("X-Private", "secret").add("Proxy-Authorization", "Basic x").add("TE", "trailers")
                .add("Expect", "100-continue").add("User-Agent", "VSCode 1.95").add("Accept-Encoding", "gzip, br");
        HttpHeaders up = ForwardHeaders.forUpstream(client, "ignored", 0, HttpMethod.GET);
        assertEquals("marketplace.visualstudio.com", up.get("Host"), "Host is kept");
        assertEquals("VSCode 1.95", up.get("User-Agent"));
        assertEquals("gzip", up.get("Accept-Encoding"));
        for (String gone : List.of("Connection", "X-Private", "Proxy-Authorization", "TE", "Expect", "Content-Length")) {
            assertFalse(up.contains(gone), gone);
        }
    }

    @Test
    void acceptEncodingIsNarrowedToTheKeysClass() {
        assertEquals("identity", ForwardHeaders.forUpstream(new DefaultHttpHeaders().add("Accept-Encoding", "br"),
                "h", 0, HttpMethod.GET).get("Accept-Encoding"));
        assertEquals("identity", ForwardHeaders.forUpstream(new DefaultHttpHeaders(), "h", 0, HttpMethod.GET)
                .get("Accept-Encoding"));
        assertEquals("identity", ForwardHeaders.forUpstream(new DefaultHttpHeaders()
                .add("Accept-Encoding", "gzip;q=0, deflate"), "h", 0, HttpMethod.GET).get("Accept-Encoding"));
    }

    @Test
    void aPostGetsItsContentLengthAndAMissingHostIsFilledIn() {
        HttpHeaders up = ForwardHeaders.forUpstream(new DefaultHttpHeaders().add("Content-Length", "999"),
                "marketplace.visualstudio.com", 42, HttpMethod.POST);
        assertEquals("42", up.get("Content-Length"));
        assertEquals("marketplace.visualstudio.com", up.get("Host"));
    }

    @Test
    void recordedHeadersKeepOrderAndNamesButNotHopByHop() {
        HttpHeaders upstream = new DefaultHttpHeaders().add("Content-Type", "application/json")
                .add("Transfer-Encoding", "chunked").add("Connection", "close").add("ETag", "\"abc\"")
                .add("activityId", "1234");
        assertEquals(List.of(new Header("Content-Type", "application/json"), new Header("ETag", "\"abc\""),
                new Header("activityId", "1234")), ForwardHeaders.recorded(upstream));
    }

    @Test
    void clientFramingFollowsUpstream() {
        HttpResponse chunked = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        chunked.headers().add("Transfer-Encoding", "chunked");
        assertEquals("chunked", ForwardHeaders.forClient(chunked, HttpMethod.GET).get("Transfer-Encoding"));

        HttpResponse sized = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        sized.headers().add("Content-Length", "10");
        HttpHeaders forClient = ForwardHeaders.forClient(sized, HttpMethod.GET);
        assertEquals("10", forClient.get("Content-Length"));
        assertNull(forClient.get("Transfer-Encoding"));

        HttpResponse closeDelimited = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        assertEquals("chunked", ForwardHeaders.forClient(closeDelimited, HttpMethod.GET).get("Transfer-Encoding"));
        HttpResponse noContent = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        assertNull(ForwardHeaders.forClient(noContent, HttpMethod.GET).get("Transfer-Encoding"));
        assertNull(ForwardHeaders.forClient(closeDelimited, HttpMethod.HEAD).get("Transfer-Encoding"));
    }
}
