package dev.vscmirror.upstream;

import dev.vscmirror.config.HostPort;
import dev.vscmirror.config.UpstreamConfig.UpstreamOverride;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where an upstream host is: the first matching {@code upstream.overrides} entry replaces DNS, otherwise the JDK
 * resolver answers (on a blocking executor, never on an event loop). Addresses that are the mirror's own listening
 * sockets are refused, so a DNS takeover that also reaches the mirror never makes it call itself (DESIGN "Record
 * path"; issue 3 "Upstream client").
 */
final class UpstreamResolver {
    private final List<UpstreamOverride> overrides;
    private final Set<InetSocketAddress> ownAddresses;
    private final Executor blocking;

    UpstreamResolver(List<UpstreamOverride> overrides, Set<InetSocketAddress> ownAddresses, Executor blocking) {
        this.overrides = List.copyOf(overrides);
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.blocking = blocking;
    }

    /** The override for {@code host}, first match wins. */
    Optional<HostPort> override(String host) {
        for (UpstreamOverride o : overrides) {
            if (o.matches(host)) {
                return Optional.of(o.address());
            }
        }
        return Optional.empty();
    }

    /**
     * The addresses to try for {@code host:port}, in order, with the mirror's own addresses removed. Fails with
     * {@link UpstreamException.Kind#CONNECT} for an unknown host and {@link UpstreamException.Kind#LOOP} when every
     * address is the mirror's own.
     */
    CompletableFuture<List<InetSocketAddress>> resolve(String host, int port) {
        Optional<HostPort> override = override(host);
        String name = override.map(HostPort::host).orElse(host);
        int targetPort = override.map(HostPort::port).orElse(port);
        return CompletableFuture.supplyAsync(() -> lookUp(host, name, targetPort), blocking);
    }

    private List<InetSocketAddress> lookUp(String host, String name, int port) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, host, "cannot resolve " + name
                    + " (" + e.getMessage() + "); check DNS or set upstream.overrides", e);
        }
        List<InetSocketAddress> usable = new ArrayList<>();
        List<InetSocketAddress> refused = new ArrayList<>();
        for (InetAddress address : all) {
            InetSocketAddress candidate = new InetSocketAddress(address, port);
            (isOwn(candidate) ? refused : usable).add(candidate);
        }
        if (usable.isEmpty()) {
            throw new UpstreamException(UpstreamException.Kind.LOOP, host, "resolves to " + refused
                    + ", the mirror's own listening address; refusing to connect to myself (a DNS takeover points"
                    + " this name at the mirror: set --upstream-override " + host + "=ADDR:PORT)");
        }
        return usable;
    }

    /** True when {@code target} is one of the mirror's listening sockets (a wildcard listener covers every local address). */
    boolean isOwn(InetSocketAddress target) {
        for (InetSocketAddress own : ownAddresses) {
            if (own.getPort() != target.getPort() || own.getAddress() == null) {
                continue;
            }
            if (own.getAddress().equals(target.getAddress())) {
                return true;
            }
            if (own.getAddress().isAnyLocalAddress() && isLocal(target.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
