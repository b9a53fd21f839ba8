package com.boxncase.invites.api.invite;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not grow past a limit: reading byte {@code limit + 1} throws {@link LimitExceeded}. It
 * counts what was read, so a streamed body (no {@code Content-Length}, or one that lies) is refused as soon as it
 * passes the limit, without being read whole first.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would count bytes twice
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(limit);
        }
    }

    /** The body passed its limit. Unchecked, so that it passes unchanged through parsers that read the stream. */
    public static final class LimitExceeded extends RuntimeException {
        private final long limit;

        LimitExceeded(long limit) {
            super("more than " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }

        /** The {@link LimitExceeded} that {@code e} is or was caused by, or null. */
        public static LimitExceeded in(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitExceeded exceeded) {
                    return exceeded;
                }
            }
            return null;
        }
    }
}
