package com.boxncase.invites.notifier.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A few-line SMTP server that refuses the first {@code refusals} recipients with {@code code}, then accepts. */
public final class SmtpStub implements AutoCloseable {

    private final ServerSocket server;
    private final int code;
    private final AtomicInteger refusalsLeft;
    private final AtomicInteger recipientsSeen = new AtomicInteger();
    private final AtomicInteger messagesAccepted = new AtomicInteger();

    private SmtpStub(int code, int refusals) throws IOException {
        this.code = code;
        this.refusalsLeft = new AtomicInteger(refusals);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "smtp-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers {@code code} to the first {@code times} RCPT commands. */
    public static SmtpStub refusing(int code, int times) {
        try {
            return new SmtpStub(code, times);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int recipientsSeen() {
        return recipientsSeen.get();
    }

    public int messagesAccepted() {
        return messagesAccepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                serve(socket);
            } catch (IOException e) {
                // client gone or server closed
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 stub ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> {
                    recipientsSeen.incrementAndGet();
                    reply(out, refusalsLeft.getAndDecrement() > 0 ? code + " mailbox unavailable" : "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // discard the message
                    }
                    messagesAccepted.incrementAndGet();
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
