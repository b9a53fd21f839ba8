package com.boxncase.invites.notifier.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few-line SMTP server (GreenMail cannot refuse a recipient): it refuses RCPT commands by rule, with a reply code
 * and a number of times, accepts everything else, and counts the messages accepted per recipient. Serves several
 * connections at once.
 */
public final class SmtpStub implements AutoCloseable {

    private final ServerSocket server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger recipientsSeen = new AtomicInteger();
    private final AtomicInteger messagesAccepted = new AtomicInteger();
    private final Map<String, AtomicInteger> acceptedByRecipient = new ConcurrentHashMap<>();

    private SmtpStub() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "smtp-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SmtpStub start() {
        try {
            return new SmtpStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers {@code code} to the first {@code times} RCPT commands. */
    public static SmtpStub refusing(int code, int times) {
        return start().refuse("", code, times);
    }

    /** Answers {@code code} to the first {@code times} RCPT commands whose address contains {@code match}. */
    public SmtpStub refuse(String match, int code, int times) {
        rules.add(new Rule(match.toLowerCase(Locale.ROOT), code, new AtomicInteger(times)));
        return this;
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

    public int messagesAcceptedFor(String address) {
        AtomicInteger count = acceptedByRecipient.get(address.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serveQuietly(socket), "smtp-stub-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                // server closed
            }
        }
    }

    private void serveQuietly(Socket socket) {
        try (socket) {
            serve(socket);
        } catch (IOException e) {
            // client gone or server closed
        }
    }

    private void serve(Socket socket) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 stub ESMTP");
        String recipient = null;
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> {
                    recipientsSeen.incrementAndGet();
                    String address = address(line);
                    Integer refusal = refusalFor(address);
                    if (refusal == null) {
                        recipient = address;
                        reply(out, "250 OK");
                    } else {
                        reply(out, refusal + " mailbox unavailable");
                    }
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // discard the message
                    }
                    messagesAccepted.incrementAndGet();
                    if (recipient != null) {
                        acceptedByRecipient
                                .computeIfAbsent(recipient, key -> new AtomicInteger())
                                .incrementAndGet();
                    }
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

    private Integer refusalFor(String address) {
        for (Rule rule : rules) {
            if (address.contains(rule.match) && rule.timesLeft.getAndDecrement() > 0) {
                return rule.code;
            }
        }
        return null;
    }

    private static String address(String rcptLine) {
        int open = rcptLine.indexOf('<');
        int close = rcptLine.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? rcptLine.substring(open + 1, close) : rcptLine;
        return address.toLowerCase(Locale.ROOT);
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

    private record Rule(String match, int code, AtomicInteger timesLeft) {}
}
