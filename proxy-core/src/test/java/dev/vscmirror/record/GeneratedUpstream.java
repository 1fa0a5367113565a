package dev.vscmirror.record;

import dev.vscmirror.ca.CertificateAuthority;
import dev.vscmirror.ca.HostPatterns;
import dev.vscmirror.ca.LeafCertificate;
import dev.vscmirror.ca.LeafCertificateMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTPS upstream for big-body tests and the recording benchmark, with its own CA (made by the mirror's
 * CA module) and a leaf for {@code localhost}. {@code GET /.../<N>.bin} answers N bytes generated on the fly (a
 * fixed 1 MiB pseudo-random block repeated) with Content-Length; {@code ?stallAfter=K} stops sending after K bytes
 * and holds the connection open. Nothing is ever held whole in memory. Uses only main-scope classes.
 *
 * <p>{@code main --dir DIR}: writes DIR/ca.pem, prints {@code PORT n}, serves until terminated (SIGTERM);
 * {@code main --sha256 N}: prints the SHA-256 of an N-byte body.
 */
public final class GeneratedUpstream implements AutoCloseable {
    public static final String HOST = "localhost";
    private static final int BLOCK_SIZE = 1 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final byte[] BLOCK = block();
    private static final ByteBuf BLOCK_BUF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(BLOCK_SIZE).writeBytes(BLOCK).asReadOnly());
    private static final Pattern SIZE = Pattern.compile("/(\\d+)\\.bin$");

    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private final EventLoopGroup group;
    private final Channel channel;
    private final Path caPem;

    public GeneratedUpstream(Path dir) throws Exception {
        Files.createDirectories(dir);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), List.of(HOST));
        var minting = Executors.newSingleThreadExecutor();
        LeafCertificate leaf;
        try {
            leaf = new LeafCertificateMinter(ca, HostPatterns.of(List.of(HOST)), Duration.ofDays(2), minting)
                    .leafFor(HOST).get(60, TimeUnit.SECONDS);
        } finally {
            minting.shutdown();
        }
        caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, pem(ca.certificate()));
        SslContext tls = SslContextBuilder.forServer(leaf.key(), leaf.chain().toArray(new X509Certificate[0]))
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK).build();
        group = TestLoops.create(1);
        channel = new ServerBootstrap().group(group).channel(TestLoops.serverChannel(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 20), new ChunkedWriteHandler(), new Handler(sent));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The CA certificate as PEM ({@code upstream.extraCa}, curl {@code --cacert}). */
    public Path caPem() {
        return caPem;
    }

    /** SHA-256 of the first {@code n} generated bytes. */
    public static String sha256(long n) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (long left = n; left > 0; left -= BLOCK_SIZE) {
            md.update(BLOCK, 0, (int) Math.min(left, BLOCK_SIZE));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Body bytes handed to the TLS layer so far (all responses). */
    public long sentBytes() {
        return sent.get();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final java.util.concurrent.atomic.AtomicLong sent;

        Handler(java.util.concurrent.atomic.AtomicLong sent) {
            this.sent = sent;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            Matcher m = SIZE.matcher(uri.path());
            if (!m.find()) {
                DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.NOT_FOUND);
                notFound.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(notFound);
                return;
            }
            long size = Long.parseLong(m.group(1));
            List<String> stall = uri.parameters().get("stallAfter");
            long stallAfter = stall == null ? Long.MAX_VALUE : Long.parseLong(stall.get(0));
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, size)
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            ctx.write(head);
            ctx.writeAndFlush(new HttpChunkedInput(new Generated(size, stallAfter, sent)));
        }
    }

    /** The body, produced chunk by chunk as the socket drains (ChunkedWriteHandler). */
    private static final class Generated implements ChunkedInput<ByteBuf> {
        private final long size;
        private final long stallAfter;
        private final java.util.concurrent.atomic.AtomicLong total;
        private long sent;

        Generated(long size, long stallAfter, java.util.concurrent.atomic.AtomicLong total) {
            this.size = size;
            this.stallAfter = stallAfter;
            this.total = total;
        }

        @Override
        public boolean isEndOfInput() {
            return sent >= size;
        }

        @Override
        public void close() {
        }

        @Deprecated
        @Override
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (sent >= stallAfter) {
                return null; // hold the connection open, send nothing more
            }
            int offset = (int) (sent % BLOCK_SIZE);
            int n = (int) Math.min(Math.min(CHUNK, BLOCK_SIZE - offset), Math.min(size, stallAfter) - sent);
            sent += n;
            total.addAndGet(n);
            return BLOCK_BUF.retainedSlice(offset, n);
        }

        @Override
        public long length() {
            return size;
        }

        @Override
        public long progress() {
            return sent;
        }
    }

    private static byte[] block() {
        byte[] b = new byte[BLOCK_SIZE];
        new Random(20261205L).nextBytes(b);
        return b;
    }

    private static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--sha256")) {
            System.out.println(sha256(Long.parseLong(args[1])));
            return;
        }
        Path dir = Path.of(args.length == 2 && args[0].equals("--dir") ? args[1] : "generated-upstream");
        GeneratedUpstream upstream = new GeneratedUpstream(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
        System.out.println("PORT " + upstream.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
