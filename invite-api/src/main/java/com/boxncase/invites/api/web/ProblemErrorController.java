package com.boxncase.invites.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), in place of Boot's, for errors that happen before a
 * controller runs or after it (a filter's {@code sendError}, an exception escaping a filter): a problem document
 * with the status, never Boot's JSON or HTML body, and never the exception's text.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    // any Accept header: the answer is a problem document whatever the client asked for
    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = HttpStatus.resolve(statusOf(request));
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error(
                    "{} for {}", status.value(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), (Throwable)
                            request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        if (status == HttpStatus.BAD_REQUEST) {
            problem.setProperty(
                    "errors",
                    List.of(new InvalidField.FieldError("request", "is malformed or holds values not allowed")));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer status ? status : 500;
    }

    private static String detail(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not supported here.";
            default ->
                status.is5xxServerError()
                        ? "An unexpected error occurred; it has been logged."
                        : status.getReasonPhrase() + ".";
        };
    }
}
