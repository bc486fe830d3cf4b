package dev.dunning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1 for a test class's application context: register it as
 * a static {@code @RegisterExtension} (it runs for the class's tests) and give {@link #port()} to
 * {@code spring.mail.port} in a {@code @DynamicPropertySource}.
 */
public final class LocalMailServer implements org.junit.jupiter.api.extension.BeforeAllCallback,
        org.junit.jupiter.api.extension.AfterAllCallback {

    private final int port = freePort();
    private final GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public int port() {
        return port;
    }

    public GreenMail server() {
        return server;
    }

    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
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
