package dev.vscmirror.upstream;

import io.netty.buffer.ByteBuf;

/**
 * Receives the body of an {@link UpstreamResponse}, always on the upstream connection's event loop. Exactly one of
 * {@link #onComplete()} or {@link #onError(UpstreamException)} ends the body, unless the consumer aborted first.
 */
public interface BodyReceiver {
    /** The next body bytes; the receiver owns {@code data} and must release it. */
    void onContent(ByteBuf data);

    /** The body ended as upstream framed it (Content-Length reached, last chunk, or close-delimited EOF). */
    void onComplete();

    /** The body broke off (reset, timeout, malformed framing): it is incomplete. */
    void onError(UpstreamException cause);
}
