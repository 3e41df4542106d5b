package eu.efgs.gateway.download;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * A response body ready to be written as it is, by any number of requests at once: its buffer is never changed
 * and never released (writers get their own view of it), and it is freed by the garbage collector once no cache
 * or write refers to it any more.
 */
public record ReadyBody(ByteBuf content, int keyCount) {

    /**
     * Kept outside the heap ({@code buffer} is direct, written and flipped), so that writing it to a socket costs the
     * kernel's copy only.
     */
    static ReadyBody direct(ByteBuffer buffer, int keyCount) {
        return new ReadyBody(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(buffer)), keyCount);
    }

    /** A body made for one request only (filtered downloads). */
    static ReadyBody once(byte[] bytes, int keyCount) {
        return new ReadyBody(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)), keyCount);
    }

    public int size() {
        return content.readableBytes();
    }

    /** A view of the body for one write; the view's position is its own. */
    public Buffer buffer() {
        return Buffer.buffer(content.duplicate());
    }
}
