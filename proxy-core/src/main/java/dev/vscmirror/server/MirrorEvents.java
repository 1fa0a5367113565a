package dev.vscmirror.server;

import dev.vscmirror.accesslog.AccessLog;
import dev.vscmirror.accesslog.AccessLogEntry;
import dev.vscmirror.admin.RecentActivity;
import dev.vscmirror.metrics.MirrorMetrics;
import java.util.concurrent.TimeUnit;

/** The server's events fed to the metrics, the access log and the status page's recent activity. */
final class MirrorEvents implements ServerEvents {
    private final MirrorMetrics metrics;
    private final AccessLog accessLog;
    private final RecentActivity recent;

    MirrorEvents(MirrorMetrics metrics, AccessLog accessLog, RecentActivity recent) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.recent = recent;
    }

    @Override
    public void request(AnsweredRequest r) {
        metrics.request(r.listener(), r.host(), r.route(), r.mode(), r.outcome(), r.nanos(), r.bytes());
        AccessLogEntry entry = new AccessLogEntry(r.time(), r.client(), r.listener(), r.host(), r.method(),
                r.target(), "HTTP/1.1", r.status(), r.bytes(), r.referer(), r.userAgent(), r.outcome(),
                TimeUnit.NANOSECONDS.toMillis(r.nanos()));
        accessLog.log(entry);
        recent.add(entry);
    }

    @Override
    public void handshakeFailure(String reason) {
        metrics.handshakeFailure(reason);
    }
}
