package com.boxncase.invites.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP server the notifier talks to: a relay to the real SMTP server (GreenMail) that can be switched
 * {@link #down()}, when it greets every connection with {@code 421} and closes it, the way a mail relay that is
 * out of service answers. Switching drops the connections it relays, so no pooled connection outlives a switch.
 */
final class SmtpGate implements AutoCloseable {

    private static final byte[] SERVICE_NOT_AVAILABLE =
            "421 4.3.2 Service not available, closing transmission channel\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Socket> relayed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    SmtpGate(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("smtp-gate", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections refused so far. */
    int refused() {
        return refused.get();
    }

    /** Relays every connection from now on. */
    void up() {
        down = false;
        refusalsLeft.set(0);
        dropConnections();
    }

    /** Refuses every connection from now on. */
    void down() {
        down = true;
        dropConnections();
    }

    /** Refuses the next {@code connections} connections, then relays. */
    void refuseNext(int connections) {
        down = false;
        refusalsLeft.set(connections);
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon("smtp-gate-connection", () -> serve(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket client) {
        boolean refuse = down || refusalsLeft.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
        if (refuse) {
            refused.incrementAndGet();
            try (client) {
                client.getOutputStream().write(SERVICE_NOT_AVAILABLE);
                client.getOutputStream().flush();
            } catch (IOException e) {
                // the client left first
            }
            return;
        }
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            relayed.add(client);
            relayed.add(upstream);
            Thread back = daemon("smtp-gate-upstream", () -> pump(upstream, client));
            pump(client, upstream);
            back.join();
        } catch (IOException e) {
            // upstream unreachable: the client sees the connection close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relayed.remove(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void dropConnections() {
        relayed.forEach(SmtpGate::closeQuietly);
        relayed.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
