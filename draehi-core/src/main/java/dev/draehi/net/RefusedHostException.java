package dev.draehi.net;

import java.io.IOException;

/**
 * A connection refused by a {@link NetworkPolicy}: its host is, or resolves to, an address of the
 * server's own networks. An {@link IOException}, so that it passes through a transport's I/O code
 * as the connection failure it is.
 */
public final class RefusedHostException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedHostException(String message) {
        super(message);
    }
}
