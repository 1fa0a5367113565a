package dev.vscmirror.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;

/**
 * The response to send for a {@link ServedAnswer}: a head, and for bodies a file stream. Planned on the replay
 * executor (it opens the blob file, which may block) and written on the event loop.
 *
 * <p>For stored answers it implements replay's exact-hit rules (issue 4): HEAD (headers with the body's length, no
 * body), a single {@code Range} (206 with {@code Content-Range}, 416 past the end), and conditional requests (304
 * when the recorded answer had an {@code ETag}/{@code Last-Modified} that matches). Bodies are streamed from the blob
 * in chunks, never loaded whole.
 *
 * @param head       the response head; a {@code FullHttpResponse} when {@code body} is null
 * @param body       the body stream, or null when the head carries everything
 * @param source     the blob reader under {@code body} (null with it); {@link #attach} it before writing
 * @param bodyBytes  body bytes that will be sent
 */
public record AnswerPlan(HttpResponse head, HttpChunkedInput body, BlobChunkedInput source, long bodyBytes) {
    private static final int CHUNK = 64 * 1024;

    /**
     * Plans the answer to {@code method} with request headers {@code request}. May open a file: call off-loop.
     *
     * @param reader where blob chunks are read (a blocking executor)
     */
    public static AnswerPlan of(String method, HttpHeaders request, ServedAnswer answer, Executor reader) {
        boolean head = "HEAD".equalsIgnoreCase(method);
        if (answer instanceof ServedAnswer.Synthesized s) {
            return synthesized(head, s);
        }
        return stored(method, head, request, (ServedAnswer.Stored) answer, reader);
    }

    /** Connects the blob reader to the connection's chunked writer; on the event loop, before writing. */
    public void attach(io.netty.channel.ChannelHandlerContext ctx) {
        if (source != null) {
            source.attach(ctx);
        }
    }

    private static AnswerPlan synthesized(boolean head, ServedAnswer.Synthesized s) {
        byte[] body = s.body() == null ? new byte[0] : s.body();
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(s.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        copyEndToEnd(s.headers(), r.headers());
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return new AnswerPlan(r, null, null, head ? 0 : body.length);
    }

    private static AnswerPlan stored(String method, boolean head, HttpHeaders request, ServedAnswer.Stored s,
                                     Executor reader) {
        long size = s.blob() == null ? 0 : s.size();
        boolean getLike = head || "GET".equalsIgnoreCase(method);
        if (getLike && s.status() == 200 && Validators.notModified(request, s.headers())) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
            for (CharSequence name : new CharSequence[] {HttpHeaderNames.ETAG, HttpHeaderNames.LAST_MODIFIED,
                    HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.EXPIRES, HttpHeaderNames.VARY,
                    HttpHeaderNames.CONTENT_LOCATION, HttpHeaderNames.DATE}) {
                if (s.headers().contains(name)) {
                    r.headers().set(name, s.headers().getAll(name));
                }
            }
            // RFC 9110 §8.6: the length a 200 would have had (also keeps the connection reusable)
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, size);
            return new AnswerPlan(r, null, null, 0);
        }
        ByteRange range = null;
        if (getLike && s.status() == 200 && Validators.rangeApplies(request, s.headers())) {
            range = ByteRange.parse(request.get(HttpHeaderNames.RANGE), size);
        }
        if (range == ByteRange.UNSATISFIABLE) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return new AnswerPlan(r, null, null, 0);
        }
        HttpResponseStatus status = range != null ? HttpResponseStatus.PARTIAL_CONTENT
                : HttpResponseStatus.valueOf(s.status());
        long offset = range != null ? range.first() : 0;
        long length = range != null ? range.length() : size;
        HttpHeaders headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
        copyEndToEnd(s.headers(), headers);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (range != null) {
            headers.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(size));
        }
        if (s.status() == 200 && size > 0 && !headers.contains(HttpHeaderNames.ACCEPT_RANGES)) {
            headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        }
        if (head || length == 0) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.EMPTY_BUFFER);
            r.headers().set(headers);
            return new AnswerPlan(r, null, null, 0);
        }
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        r.headers().set(headers);
        BlobChunkedInput source = open(s, offset, length, reader);
        return new AnswerPlan(r, new HttpChunkedInput(source), source, length);
    }

    private static BlobChunkedInput open(ServedAnswer.Stored s, long offset, long length, Executor reader) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(s.blob(), StandardOpenOption.READ);
            if (channel.size() < offset + length) {
                throw new IOException("blob " + s.blob() + " holds " + channel.size() + " bytes, the recorded size is "
                        + s.size());
            }
            return new BlobChunkedInput(channel, offset, length, CHUNK, reader);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("cannot read blob " + s.blob() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Copies headers except the framing ones the server sets itself. */
    private static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        if (from == null) {
            return;
        }
        for (var e : from) {
            String name = e.getKey();
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                    && !name.equalsIgnoreCase("connection") && !name.equalsIgnoreCase("keep-alive")) {
                to.add(name, e.getValue());
            }
        }
    }

    /** Releases the body stream when the plan will not be written (connection gone). */
    public void discard() {
        if (body != null) {
            try {
                body.close();
            } catch (Exception e) {
                // closing a read-only file channel; nothing to recover
                org.slf4j.LoggerFactory.getLogger(AnswerPlan.class).debug("closing an unsent body failed", e);
            }
        }
    }
}
