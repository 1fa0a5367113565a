package dev.vscmirror.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.CompletableFuture;

/** The record side as the server sees it (adapted from the record part's {@code RecordingForwarder}). */
@FunctionalInterface
public interface RecordPath {
    /**
     * Forwards {@code request} upstream and streams the answer to {@code client}. The future completes once the
     * answer has been written completely (or failed). The server keeps ownership of {@code request}.
     *
     * @param host            the lower-case host the request was for
     * @param failOverAllowed when true and upstream fails before any byte went to the client, nothing is written
     *                        and {@link Forwarded#failedBeforeResponse()} is true
     */
    CompletableFuture<Forwarded> forward(ChannelHandlerContext client, FullHttpRequest request, String host,
                                         boolean failOverAllowed);

    /** What happened to one forwarded request. */
    record Forwarded(int status, long bytes, String outcome, boolean failedBeforeResponse) {}
}
