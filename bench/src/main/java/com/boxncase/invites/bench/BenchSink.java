package com.boxncase.invites.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal SMTP server that accepts every message and costs little: one thread per connection, one-line
 * replies, no stall on connect. When a message's {@code DATA} completes it records the time (nanoTime, same
 * clock as the load generator in this JVM) under the message's {@code X-Invite-Id}; a second message for
 * the same invite is a duplicate delivery. Messages without that header (ceiling and baseline sends) are
 * only counted. With a DATA delay it answers each message's DATA that much later, as a real provider does
 * (its latency, not its throughput: every connection waits on its own). Its threads are named
 * {@code bench-sink} so the bench can report their CPU apart.
 */
final class BenchSink implements AutoCloseable {

    /** Told of the first delivery of each invite, on the sink's thread: keep it short. */
    interface Listener {
        void delivered(String inviteId, long dataNanos);
    }

    private static final byte[] DATA_END = {'.'};

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "bench-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder otherMessages = new LongAdder();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private volatile long dataDelayMillis;
    private volatile Listener listener;
    /** Invite messages carried by each connection that carried at least one, when it closed. */
    private final List<Integer> invitesPerConnection = new ArrayList<>();

    private BenchSink(ServerSocket server) {
        this.server = server;
    }

    static BenchSink start(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 512, InetAddress.getLoopbackAddress());
        BenchSink sink = new BenchSink(server);
        Thread acceptor = new Thread(sink::acceptLoop, "bench-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    /** nanoTime at DATA completion of the first message per invite id. */
    Map<String, Long> deliveredAt() {
        return deliveredAt;
    }

    long delivered() {
        return deliveredAt.size();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long otherMessages() {
        return otherMessages.sum();
    }

    long connectionsOpened() {
        return connectionsOpened.get();
    }

    synchronized List<Integer> invitesPerConnection() {
        return new ArrayList<>(invitesPerConnection);
    }

    /** Forgets the messages recorded so far (between phases); connections opened keep counting. */
    synchronized void reset() {
        deliveredAt.clear();
        duplicates.reset();
        otherMessages.reset();
    }

    /** From now on, answer DATA this much later (zero: at once). */
    void delayData(Duration delay) {
        dataDelayMillis = delay.toMillis();
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connectionsOpened.incrementAndGet();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("bench-sink: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        int invites = 0;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 bench-sink ESMTP");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 bench-sink");
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        String inviteId = readMessage(in);
                        long delay = dataDelayMillis;
                        if (delay > 0) {
                            Thread.sleep(delay); // the provider's latency: this connection waits
                        }
                        long now = System.nanoTime();
                        if (inviteId == null) {
                            otherMessages.increment();
                        } else {
                            invites++;
                            if (deliveredAt.putIfAbsent(inviteId, now) != null) {
                                duplicates.increment();
                            } else if (listener != null) {
                                listener.delivered(inviteId, now);
                            }
                        }
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK"); // MAIL, RCPT, RSET, NOOP and anything else
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to record
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            if (invites > 0) {
                synchronized (this) {
                    invitesPerConnection.add(invites);
                }
            }
        }
    }

    /** Reads the message up to the lone dot; returns its X-Invite-Id header, or null. */
    private static String readMessage(InputStream in) throws IOException {
        String inviteId = null;
        boolean inHeaders = true;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("connection closed inside DATA");
            }
            if (line.length() == 1 && line.charAt(0) == DATA_END[0]) {
                return inviteId;
            }
            if (inHeaders) {
                if (line.isEmpty()) {
                    inHeaders = false;
                } else if (line.regionMatches(true, 0, "X-Invite-Id:", 0, 12)) {
                    inviteId = line.substring(12).strip();
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = line.size();
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
