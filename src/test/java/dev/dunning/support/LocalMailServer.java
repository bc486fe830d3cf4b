package dev.dunning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1, for a test class's application context: give
 * {@link #port()} to {@code spring.mail.port}, start it before the tests that need it, stop it after.
 */
public final class LocalMailServer {

    private final int port = freePort();
    private final GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public int port() {
        return port;
    }

    public GreenMail server() {
        return server;
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
