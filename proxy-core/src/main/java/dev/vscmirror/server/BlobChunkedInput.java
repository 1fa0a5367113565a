package dev.vscmirror.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A range of a blob file as a {@link ChunkedInput} whose reads happen on a blocking executor, never on the event
 * loop: one chunk is read ahead; {@link #readChunk} hands it over (or {@code null} while it is being read) and the
 * {@link ChunkedWriteHandler} is resumed when the next chunk is ready. The next read starts only when the previous
 * chunk was taken, so a slow client holds at most two chunks in memory (the model of Armeria's StreamingHttpFile).
 */
final class BlobChunkedInput implements ChunkedInput<ByteBuf> {
    private final FileChannel file;
    private final long end;
    private final int chunkSize;
    private final Executor reader;
    private final AtomicReference<ByteBuf> ready = new AtomicReference<>();
    private volatile Throwable failure;
    private volatile boolean reading;
    private volatile boolean closed;
    private volatile Runnable resume = () -> { };
    private ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private long readPosition;
    private long delivered;
    private final long start;

    BlobChunkedInput(FileChannel file, long offset, long length, int chunkSize, Executor reader) {
        this.file = file;
        this.start = offset;
        this.readPosition = offset;
        this.end = offset + length;
        this.chunkSize = chunkSize;
        this.reader = reader;
    }

    /** Wires the resume signal to the pipeline's chunked writer; call before writing this input. */
    void attach(ChannelHandlerContext ctx) {
        allocator = ctx.alloc();
        ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
        // always a new event-loop task: never re-enter the writer from inside readChunk
        resume = () -> ctx.executor().execute(writer::resumeTransfer);
    }

    @Override
    public boolean isEndOfInput() {
        return delivered >= end - start || closed;
    }

    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator alloc) throws Exception {
        if (failure != null) {
            throw new IOException("reading the blob failed: " + failure.getMessage(), failure);
        }
        ByteBuf chunk = ready.getAndSet(null);
        if (chunk != null) {
            delivered += chunk.readableBytes();
        }
        readAhead();
        return chunk;
    }

    private void readAhead() {
        if (reading || closed || ready.get() != null || readPosition >= end) {
            return;
        }
        reading = true;
        long position = readPosition;
        int size = (int) Math.min(chunkSize, end - position);
        readPosition += size;
        try {
            reader.execute(() -> read(position, size));
        } catch (RejectedExecutionException e) {
            reading = false;
            failure = e;
            resume.run();
        }
    }

    private void read(long position, int size) {
        ByteBuf buf = allocator.buffer(size);
        try {
            int done = 0;
            while (done < size) {
                int n = buf.writeBytes(file, position + done, size - done);
                if (n < 0) {
                    throw new IOException("blob ended " + (size - done) + " bytes early");
                }
                done += n;
            }
            ready.set(buf);
            buf = null;
            if (closed) { // closed while reading: nobody will take it
                ByteBuf orphan = ready.getAndSet(null);
                if (orphan != null) {
                    orphan.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            if (buf != null) {
                buf.release();
            }
            reading = false;
        }
        resume.run();
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public long progress() {
        return delivered;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        ByteBuf left = ready.getAndSet(null);
        if (left != null) {
            left.release();
        }
        file.close();
    }
}
