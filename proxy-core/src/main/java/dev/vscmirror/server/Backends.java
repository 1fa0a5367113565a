package dev.vscmirror.server;

import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.metrics.MirrorMetrics;
import dev.vscmirror.record.RecordingForwarder;
import dev.vscmirror.record.RequestKey;
import dev.vscmirror.replay.ReplayAnswer;
import dev.vscmirror.replay.ReplayRequest;
import dev.vscmirror.replay.ReplayResponder;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.upstream.UpstreamClient;
import dev.vscmirror.upstream.UpstreamException;
import dev.vscmirror.upstream.UpstreamListener;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The record and replay parts, built over one store and adapted to the server's {@link RecordPath} and
 * {@link ReplayPath}: the upstream client and recording forwarder (deriving catalog rows in the same batch and
 * keeping the replay catalog live), and the replay responder.
 */
final class Backends implements AutoCloseable {
    final UpstreamClient upstream;
    final ReplayResponder responder;
    final RecordPath record;
    final ReplayPath replay;

    Backends(MirrorConfig config, ContentStore store, EventLoopGroup group, Set<InetSocketAddress> ownAddresses,
             Executor diskExecutor, MirrorMetrics metrics) {
        this.responder = new ReplayResponder(store, config);
        this.upstream = new UpstreamClient(config.upstream(), group, ownAddresses, upstreamMetrics(metrics));
        RecordingForwarder forwarder = new RecordingForwarder(upstream, store, config.record(),
                exchange -> DerivedRows.derive(exchange, () -> body(store, exchange)), responder::onRecorded,
                diskExecutor);
        this.record = (client, request, host, failOverAllowed) -> {
            RequestKey key = RequestKey.of(request.method().name(), host, request.uri(),
                    request.headers().get(HttpHeaderNames.ACCEPT_ENCODING), ByteBufUtil.getBytes(request.content()));
            return forwarder.forward(client, request, host, key, true, failOverAllowed)
                    .thenApply(r -> new RecordPath.Forwarded(r.status(), r.bytes(), r.outcome(),
                            r.failedBeforeResponse()));
        };
        this.replay = (method, host, pathAndQuery, headers, body) -> served(store, responder.answer(
                new ReplayRequest(method, host, pathAndQuery, lowerCase(headers), body, RequestKey.of(method, host,
                        pathAndQuery, headers.get(HttpHeaderNames.ACCEPT_ENCODING), body))));
    }

    private static InputStream body(ContentStore store, RecordedExchange exchange) throws java.io.IOException {
        return exchange.bodySha256() == null ? InputStream.nullInputStream()
                : Files.newInputStream(store.blobPath(exchange.bodySha256()));
    }

    private static UpstreamListener upstreamMetrics(MirrorMetrics metrics) {
        return new UpstreamListener() {
            @Override
            public void response(String host, int status, long nanos) {
                metrics.upstream(host, status, nanos);
            }

            @Override
            public void failure(String host, UpstreamException cause, long nanos) {
                metrics.upstream(host, 0, nanos);
            }

            @Override
            public void retry(String host, String reason) {
                metrics.upstreamRetry();
            }
        };
    }

    private static ServedAnswer served(ContentStore store, ReplayAnswer answer) {
        if (answer instanceof ReplayAnswer.Stored s) {
            RecordedExchange ex = s.exchange();
            return new ServedAnswer.Stored(ex.status(), headers(ex.headers()),
                    ex.bodySha256() == null ? null : store.blobPath(ex.bodySha256()), ex.bodySize(), s.outcome());
        }
        ReplayAnswer.Synthesized s = (ReplayAnswer.Synthesized) answer;
        return new ServedAnswer.Synthesized(s.status(), headers(s.headers()), s.body(), s.outcome());
    }

    private static HttpHeaders headers(List<Header> headers) {
        HttpHeaders out = new DefaultHttpHeaders(false);
        for (Header h : headers) {
            out.add(h.name(), h.value());
        }
        return out;
    }

    private static Map<String, String> lowerCase(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : headers) {
            out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        return out;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
