package org.downtimebacklog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client that sent a request, as sign-in throttling and the audit trail see it.
 * <p>
 * Micronaut's default resolver believes any {@code Forwarded} or {@code X-Forwarded-For} header, which any client can
 * write, so an address taken from it could be anything the client likes. This one uses the connection's own peer
 * address unless that peer is one of {@code backlog.trusted-proxies} (addresses or CIDR ranges, none by default):
 * only then is {@code X-Forwarded-For} read, from the right, skipping the trusted proxies, and the first address that
 * is not one of them is the client's.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
public class ClientAddresses implements HttpClientAddressResolver {

    /** The longest address kept: an IPv6 address in full is 39 characters. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<Range> trusted;

    ClientAddresses(@Value("${backlog.trusted-proxies:}") @Nullable String trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        if (trustedProxies != null) {
            for (String entry : trustedProxies.split(",")) {
                if (!entry.isBlank()) {
                    ranges.add(Range.parse(entry.strip()));
                }
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    @Override
    @Nullable
    @SuppressWarnings("rawtypes")
    public String resolve(HttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return remote == null ? null : clip(remote.getHostString());
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i).strip());
            if (hop == null) {
                break;   // not an address: written by no proxy of ours, so the hop that passed it on is the client
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }

    /** A literal IPv4 or IPv6 address, never a name (which would mean a DNS look-up); null otherwise. */
    @Nullable
    static InetAddress parse(String text) {
        String s = text;
        if (s.startsWith("[") && s.contains("]")) {
            s = s.substring(1, s.indexOf(']'));   // [v6]:port
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':'));   // v4:port
        }
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return null;
        }
        try {
            if (IPV4.matcher(s).matches()) {
                String[] parts = s.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return null;
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (s.contains(":") && IPV6.matcher(s).matches()) {
                return InetAddress.getByName(s);   // a literal with a colon: parsed, never looked up
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** An address, or a CIDR range such as 10.0.0.0/8 or fd00::/8. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = ClientAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("backlog.trusted-proxies: not an address or CIDR range: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).strip());
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("backlog.trusted-proxies: bad prefix length: " + text);
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
