package dev.vscmirror.record;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vscmirror.upstream.UpstreamException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The mirror's own answer when upstream failed before sending anything: 504 for a timeout, 502 otherwise, with a
 * short JSON reason (protocol §6.4: answer, never drop the connection, when nothing was sent yet).
 */
final class UpstreamErrorResponse {
    private UpstreamErrorResponse() {
    }

    /** The status the mirror answers for {@code error}. */
    static int status(UpstreamException error) {
        return error.kind() == UpstreamException.Kind.TIMEOUT ? 504 : 502;
    }

    /** Writes the answer; the future completes when it was written (or the write failed). */
    static ChannelFuture write(ChannelHandlerContext client, HttpMethod method, String host, UpstreamException error) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(status(error));
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        byte[] body = ("{\"error\":\"upstream_" + error.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "\",\"host\":\"" + new String(json.quoteAsString(host)) + "\",\"message\":\""
                + new String(json.quoteAsString(error.getMessage())) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                HttpMethod.HEAD.equals(method) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return client.writeAndFlush(response);
    }
}
