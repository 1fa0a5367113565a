package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob reads happen on the reader executor, one chunk ahead, and deliver exactly the requested range. */
class BlobChunkedInputTest {
    @TempDir
    Path dir;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        reader.shutdownNow();
    }

    private static byte[] drain(BlobChunkedInput in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!in.isEndOfInput()) {
            assertTrue(System.nanoTime() < deadline, "no progress");
            ByteBuf chunk = in.readChunk(ByteBufAllocator.DEFAULT);
            if (chunk == null) {
                Thread.sleep(1); // the next chunk is being read on the reader executor
                continue;
            }
            assertTrue(chunk.readableBytes() <= 1000);
            byte[] bytes = new byte[chunk.readableBytes()];
            chunk.readBytes(bytes);
            chunk.release();
            out.write(bytes);
        }
        in.close();
        return out.toByteArray();
    }

    @Test
    void deliversExactlyTheRangeInChunks() throws Exception {
        byte[] data = new byte[10_000];
        new Random(1).nextBytes(data);
        Path blob = Files.write(dir.resolve("blob"), data);
        BlobChunkedInput in = new BlobChunkedInput(FileChannel.open(blob, StandardOpenOption.READ), 123, 5_000,
                1000, reader);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 123, 5_123), drain(in));
    }

    @Test
    void aBlobShorterThanRecordedFailsTheStream() throws Exception {
        Path blob = Files.write(dir.resolve("short"), new byte[1_500]);
        BlobChunkedInput in = new BlobChunkedInput(FileChannel.open(blob, StandardOpenOption.READ), 0, 3_000,
                1000, reader);
        assertThrows(IOException.class, () -> drain(in));
        in.close();
    }
}
