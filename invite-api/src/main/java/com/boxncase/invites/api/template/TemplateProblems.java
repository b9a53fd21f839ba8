package com.boxncase.invites.api.template;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.templates.TemplateProblem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** The ways a template request can fail, as facts. */
final class TemplateProblems {

    private TemplateProblems() {}

    static final class TemplateNotFound extends ProblemException {
        TemplateNotFound(TemplateKey key) {
            super(
                    HttpStatus.NOT_FOUND,
                    "This store has no " + key.channel() + " " + key.kind() + " template override for locale "
                            + key.locale() + "; GET with ?effective=true shows the template in use.");
        }
    }

    /** Required parts of the template are missing; lists each. */
    static final class TemplatePartsMissing extends ProblemException {
        private final List<String> fields;

        TemplatePartsMissing(List<String> fields) {
            super(HttpStatus.BAD_REQUEST, String.join(", ", fields) + ": must not be blank");
            this.fields = List.copyOf(fields);
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of(
                    "errors",
                    fields.stream()
                            .map(field -> new InvalidField.FieldError(field, "must not be blank"))
                            .toList());
        }
    }

    /**
     * The template does not parse, or fails to render in the sandbox (which includes any attempt at
     * {@code ?new} or {@code ?api}). Each error names the part and the 1-based line and column (0 if unknown).
     */
    static final class TemplateRefused extends ProblemException {
        private final List<TemplateError> errors;

        TemplateRefused(List<TemplateProblem> problems) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "The template was refused: "
                            + problems.stream()
                                    .map(p -> p.field() + " line " + p.line() + ", column " + p.column())
                                    .collect(Collectors.joining("; ")));
            this.errors = problems.stream().map(TemplateError::of).toList();
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", errors);
        }
    }

    /**
     * The machine could not check or render the template in time (every render thread busy, or too little CPU
     * before the wall-clock limit): not the template's fault, so not a refusal; the client may retry.
     */
    static final class TemplateCheckBusy extends ProblemException {
        TemplateCheckBusy(String reason) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Templates cannot be checked right now (" + reason + "); retry shortly.");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1");
        }
    }

    /** One entry of a refused template's {@code errors}: the part, why, and where in that part's source. */
    record TemplateError(String field, String reason, int line, int column) {
        static TemplateError of(TemplateProblem problem) {
            return new TemplateError(problem.field(), problem.message(), problem.line(), problem.column());
        }
    }
}
