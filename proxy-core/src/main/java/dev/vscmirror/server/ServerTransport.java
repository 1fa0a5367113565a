package dev.vscmirror.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Epoll when the native transport loads, else NIO: event loop groups and the matching channel classes. */
public record ServerTransport(String name, IoHandlerFactory ioHandlerFactory,
                              Class<? extends ServerChannel> serverChannel,
                              Class<? extends SocketChannel> socketChannel) {

    /** The best transport available here. */
    public static ServerTransport detect() {
        if (Epoll.isAvailable()) {
            return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class);
    }

    /** A new event loop group with named threads; {@code threads} 0 means Netty's default (2 × cores). */
    public EventLoopGroup newGroup(String threadPrefix, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), ioHandlerFactory);
    }
}
