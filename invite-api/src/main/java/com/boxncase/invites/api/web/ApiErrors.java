package com.boxncase.invites.api.web;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

/**
 * Every error leaves as {@code application/problem+json}. Invalid input is a 400 whose {@code errors} list names
 * each field (body field, path variable, query parameter or header) and the reason; an unavailable database is a
 * 503 the caller may retry. Errors before MVC are rendered by {@link ProblemErrorController} and
 * {@link ProblemErrorReportValve}.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail problem = e.toProblemDetail();
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return ResponseEntity.status(e.status()).headers(headers).body(problem);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, MongoTimeoutException.class, MongoSocketException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("MongoDB unavailable: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The invite store is unavailable. Nothing was changed; retry later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> database(MongoException e) {
        return databaseUnavailable(e);
    }

    /** A header or parameter the security firewall refuses when a controller reads it (non-printable characters). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(invalid(List.of(RequestRejections.fieldOf(e))));
    }

    /** A bug, not the caller's fault: logged with its stack, answered as a problem that reveals nothing. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField.FieldError> errors = new java.util.ArrayList<>(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidField.FieldError(error.getField(), error.getDefaultMessage()))
                .toList());
        // class-level rules (@AssertTrue on a method of the record) are object errors named after the rule
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error ->
                        errors.add(new InvalidField.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /**
     * Constraints on a controller method's parameters ({@code @Size} on a header, {@code @Min} on a parameter).
     * Spring MVC checks them itself before the call; controllers carry no class-level {@code @Validated}, whose proxy
     * would check them again, by reflection, around every call.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new InvalidField.FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .sorted(Comparator.comparing(InvalidField.FieldError::field)
                        .thenComparing(InvalidField.FieldError::reason))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field =
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return ResponseEntity.badRequest()
                .body(invalid(List.of(
                        new InvalidField.FieldError(field == null ? "request" : field, "must be " + expected))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new InvalidField.FieldError(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(
            MissingPathVariableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new InvalidField.FieldError(e.getVariableName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            ServletRequestBindingException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e instanceof MissingRequestHeaderException header ? header.getHeaderName() : "request";
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new InvalidField.FieldError(field, "is missing or not readable"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                return ResponseEntity.status(tooLarge.status())
                        .body(problem(tooLarge).getBody());
            }
        }
        String field = "body";
        String reason = "is not valid JSON of the expected type";
        if (e.getCause() instanceof StreamConstraintsException) {
            reason = "is nested too deeply or holds a value that is too long";
        } else if (e.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
        } else if (e.getCause() == null
                && e.getMessage() != null
                && e.getMessage().startsWith("Required request body")) {
            reason = "is required";
        }
        return ResponseEntity.badRequest().body(invalid(List.of(new InvalidField.FieldError(field, reason))));
    }

    /** The name of the parameter a method-validation violation is about: {@code list.limit} -> {@code limit}. */
    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a valid " + type.getSimpleName();
    }

    static ProblemDetail invalid(List<InvalidField.FieldError> errors) {
        String detail = errors.stream()
                .map(error -> error.field() + ": " + error.reason())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
