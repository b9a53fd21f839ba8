package com.boxncase.invites.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (encoded CR/LF or NUL, {@code ..}, non-printable header values,
 * ...): a 400 problem naming the header or parameter, or the path, without echoing the refused value. Used by the
 * filter chain, and by {@link ApiErrors} for headers the firewall checks only when a controller reads them.
 */
@Component
class RequestRejections implements RequestRejectedHandler {

    private static final Pattern NAMED = Pattern.compile("(header|parameter)(?: name)?:? \"([^\"]{1,64}?) ?\"");

    private final Problems problems;

    RequestRejections(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        problems.write(response, HttpStatus.BAD_REQUEST, "The request was refused.", List.of(fieldOf(e)));
    }

    static InvalidField.FieldError fieldOf(RequestRejectedException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher named = NAMED.matcher(message);
        if (named.find()) {
            String field = named.group(2).replaceAll("[^\\x21-\\x7e]", "?");
            return new InvalidField.FieldError(field, "holds characters that are not allowed");
        }
        if (message.contains("method")) {
            return new InvalidField.FieldError("method", "is not allowed");
        }
        if (message.contains("domain") || message.contains("host")) {
            return new InvalidField.FieldError("Host", "is not allowed");
        }
        return new InvalidField.FieldError("path", "holds characters or segments that are not allowed");
    }
}
