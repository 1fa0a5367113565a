package dev.vscmirror.server;

import dev.vscmirror.config.MirrorConfig.Mode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request by the current mode (read per request, so a flip applies to the next request on live
 * connections): statistics POSTs locally (protocol §2.7: 200, empty, never forwarded nor recorded), CORS preflights
 * locally, then RECORD → the record path, REPLAY → the replay path on the replay executor (never on the event loop),
 * FALLBACK → the record path with fail-over, answered from replay when upstream failed before any byte was sent.
 */
public final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ModeSwitch mode;
    private final RecordPath record;
    private final ReplayPath replay;
    private final Executor replayExecutor;

    /**
     * @param record         the record path; null when this process cannot record (then RECORD and FALLBACK answer
     *                       503 and replay respectively)
     * @param replayExecutor bounded executor for the blocking replay lookups and blob opening
     */
    public RequestDispatcher(ModeSwitch mode, RecordPath record, ReplayPath replay, Executor replayExecutor) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.record = record;
        this.replay = Objects.requireNonNull(replay, "replay");
        this.replayExecutor = Objects.requireNonNull(replayExecutor, "replayExecutor");
    }

    public ModeSwitch modeSwitch() {
        return mode;
    }

    /**
     * Answers {@code request} (origin-form URI, for {@code host}). The future completes on the event loop once the
     * answer is written. The caller keeps ownership of {@code request}.
     */
    public CompletableFuture<Outcome> dispatch(ChannelHandlerContext ctx, FullHttpRequest request, String host) {
        Mode current = mode.get();
        String modeName = current.name().toLowerCase(Locale.ROOT);
        if (CorsHandler.isPreflight(request)) {
            return send(ctx, CorsHandler.preflight(request), "preflight", modeName);
        }
        if (Routes.isStatistics(request.method().name(), request.uri())) {
            return send(ctx, Responses.empty(HttpResponseStatus.OK), "stats", modeName);
        }
        switch (current) {
            case REPLAY:
                return replay(ctx, request, host, modeName);
            case FALLBACK:
                if (record == null) {
                    return replay(ctx, request, host, modeName);
                }
                return record.forward(ctx, request, host, true).thenCompose(f -> f.failedBeforeResponse()
                        ? replay(ctx, request, host, modeName)
                        : CompletableFuture.completedFuture(new Outcome(f.status(), f.bytes(), f.outcome(), modeName)));
            case RECORD:
            default:
                if (record == null) {
                    return send(ctx, Responses.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "recording is not available in this process"), "unavailable", modeName);
                }
                return record.forward(ctx, request, host, false)
                        .thenApply(f -> new Outcome(f.status(), f.bytes(), f.outcome(), modeName));
        }
    }

    private CompletableFuture<Outcome> replay(ChannelHandlerContext ctx, FullHttpRequest request, String host,
                                              String modeName) {
        String method = request.method().name();
        String uri = request.uri();
        HttpHeaders headers = request.headers().copy();
        byte[] body = ByteBufUtil.getBytes(request.content());
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        try {
            replayExecutor.execute(() -> {
                ServedAnswer answer;
                AnswerPlan plan;
                try {
                    answer = replay.answer(method, host, uri, headers, body);
                    plan = AnswerPlan.of(method, headers, answer, replayExecutor);
                } catch (RuntimeException e) {
                    LOG.error("replay of {} {}{} failed", method, host, uri, e);
                    ctx.executor().execute(() -> send(ctx, Responses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            "replay failed: " + e.getMessage()), "error", modeName).whenComplete(relay(result)));
                    return;
                }
                ctx.executor().execute(() -> write(ctx, plan, answer.outcome(), modeName).whenComplete(relay(result)));
            });
        } catch (RejectedExecutionException e) {
            LOG.info("replay executor saturated; answering 503 to {} {}{}", method, host, uri);
            FullHttpResponse busy = Responses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "mirror busy, retry");
            busy.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            return send(ctx, busy, "busy", modeName);
        }
        return result;
    }

    private static java.util.function.BiConsumer<Outcome, Throwable> relay(CompletableFuture<Outcome> target) {
        return (o, e) -> {
            if (e != null) {
                target.completeExceptionally(e);
            } else {
                target.complete(o);
            }
        };
    }

    /** Writes a planned answer; on the event loop. */
    private static CompletableFuture<Outcome> write(ChannelHandlerContext ctx, AnswerPlan plan, String outcome,
                                                   String modeName) {
        int status = plan.head().status().code();
        if (!ctx.channel().isActive()) {
            plan.discard();
            return CompletableFuture.completedFuture(new Outcome(0, 0, "client_gone", modeName));
        }
        ChannelFuture done;
        plan.attach(ctx);
        if (plan.body() == null) {
            done = ctx.writeAndFlush(plan.head());
        } else {
            ctx.write(plan.head());
            done = ctx.writeAndFlush(plan.body());
        }
        return completion(done, new Outcome(status, plan.bodyBytes(), outcome, modeName));
    }

    static CompletableFuture<Outcome> send(ChannelHandlerContext ctx, FullHttpResponse response, String outcome,
                                           String modeName) {
        int status = response.status().code();
        long bytes = response.content().readableBytes();
        return completion(ctx.writeAndFlush(response), new Outcome(status, bytes, outcome, modeName));
    }

    private static CompletableFuture<Outcome> completion(ChannelFuture done, Outcome outcome) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        done.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                LOG.debug("writing an answer to {} failed: {}", f.channel().remoteAddress(), String.valueOf(f.cause()));
                f.channel().close();
                result.complete(new Outcome(outcome.status(), 0, "client_gone", outcome.mode()));
            } else {
                result.complete(outcome);
            }
        });
        return result;
    }
}
