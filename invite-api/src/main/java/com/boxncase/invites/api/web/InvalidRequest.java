package com.boxncase.invites.api.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request with one or more invalid fields: 400, naming each field and the reason in {@code errors}, the same
 * document {@link ApiErrors} makes of a failed {@code @Valid}.
 */
public class InvalidRequest extends ProblemException {

    private final List<InvalidField.FieldError> errors;

    public InvalidRequest(List<InvalidField.FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<InvalidField.FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors);
    }

    @Override
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = super.toProblemDetail();
        problem.setTitle("Invalid request");
        return problem;
    }

    private static String describe(List<InvalidField.FieldError> errors) {
        return errors.stream()
                .map(error -> error.field() + ": " + error.reason())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
    }
}
