package com.boxncase.invites.api.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request field that fails a rule the annotations cannot express. 400, naming the field and the reason. */
public class InvalidField extends ProblemException {

    private final String field;
    private final String reason;

    public InvalidField(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** This field's error, as a list like {@link InvalidRequest#errors()}. */
    public List<FieldError> errors() {
        return List.of(new FieldError(field, reason));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", List.of(new FieldError(field, reason)));
    }

    /** One invalid field in a 400 problem's {@code errors} list. */
    public record FieldError(String field, String reason) {}
}
