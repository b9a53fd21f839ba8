package com.boxncase.invites.api.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request that cannot be served, as a fact about the request ({@code InviteNotFound},
 * {@code InviteAlreadyAccepted}, ...). Rendered as {@code application/problem+json} by {@link ApiErrors}.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;

    protected ProblemException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** Extra members of the problem document, e.g. the id of the conflicting invite. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /**
     * The problem document, as {@link ApiErrors} renders it for a whole response; bulk requests render one per
     * failed row.
     */
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        properties().forEach(problem::setProperty);
        return problem;
    }
}
