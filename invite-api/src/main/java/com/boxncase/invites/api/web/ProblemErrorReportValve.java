package com.boxncase.invites.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for requests it refuses before any filter or servlet sees them (a request line or
 * headers too large, characters not allowed in the path, an encoded slash or NUL): a problem document instead
 * of Tomcat's HTML page. It names the part of the request at fault as well as Tomcat says it, and never repeats
 * the request's bytes.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        StringBuilder body = new StringBuilder()
                .append("{\"type\":\"about:blank\",\"title\":\"")
                .append(title)
                .append("\",\"status\":")
                .append(status)
                .append(",\"detail\":\"The request was refused before it reached the API.\"");
        if (status == 400) {
            body.append(",\"errors\":[{\"field\":\"")
                    .append(partAtFault(throwable, response.getMessage()))
                    .append("\",\"reason\":\"is malformed, too large or holds characters that are not allowed\"}]");
        }
        body.append('}');
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body.toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: the status alone has to do
        }
    }

    static String partAtFault(Throwable throwable, String message) {
        String text = ((throwable == null ? "" : String.valueOf(throwable.getMessage())) + " "
                        + (message == null ? "" : message))
                .toLowerCase(Locale.ROOT);
        if (text.contains("header")) {
            return "headers";
        }
        if (text.contains("method")) {
            return "method";
        }
        return text.isBlank() || text.contains("target") || text.contains("uri") || text.contains("path")
                ? "path"
                : "request";
    }
}
