package dev.draehi.server;

import dev.draehi.DraehiException;

/**
 * The HTTP server could not start (its address is in use, or not one of this host's) or stop. The
 * cause says why: a {@link java.net.BindException} when the port is taken.
 */
public class ServerException extends DraehiException {
    private static final long serialVersionUID = 1L;

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
