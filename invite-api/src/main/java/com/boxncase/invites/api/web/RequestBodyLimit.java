package com.boxncase.invites.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413, before anything reads them: at once when the declared
 * {@code Content-Length} is too large, and while reading for a body sent without one (chunked). Endpoints without a
 * bearer token get the smaller, public limit.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final long publicMaxBytes;
    private final Problems problems;
    private final RequestMatcher publicEndpoints = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(PublicEndpoints.ACCEPT_API),
            PathPatternRequestMatcher.pathPattern(PublicEndpoints.WEBHOOKS));
    /**
     * Bulk requests and CSV imports are larger by design; they enforce their own limits ({@code invites.bulk.*})
     * while they read, with the same 413.
     */
    private final RequestMatcher ownLimits = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/invites/bulk"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/stores/{storeId}/invites/bulk"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/stores/{storeId}/invite-imports"));

    RequestBodyLimit(HttpProperties properties, Problems problems) {
        this.maxBytes = properties.maxBodySize().toBytes();
        this.publicMaxBytes = properties.publicMaxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ownLimits.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = publicEndpoints.matches(request) ? publicMaxBytes : maxBytes;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(declared < 0 ? new Limited(request, limit) : request, response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        problems.write(
                response,
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.",
                List.of(new InvalidField.FieldError("body", "must be at most " + limit + " bytes")));
    }

    /** Read past the limit of a body sent without a length. 413, naming the body. */
    static final class BodyTooLarge extends ProblemException {
        private final long limit;

        BodyTooLarge(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
            this.limit = limit;
        }

        @Override
        public java.util.Map<String, Object> properties() {
            return java.util.Map.of(
                    "errors", List.of(new InvalidField.FieldError("body", "must be at most " + limit + " bytes")));
        }
    }

    /** A request whose body stream fails with {@link BodyTooLarge} once more than the limit has been read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            Charset charset = StandardCharsets.UTF_8;
            try {
                String encoding = getCharacterEncoding();
                if (encoding != null) {
                    charset = Charset.forName(encoding);
                }
            } catch (IllegalArgumentException unknownCharset) {
                // a client's made-up charset: read as UTF-8, the only one JSON allows anyway
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
