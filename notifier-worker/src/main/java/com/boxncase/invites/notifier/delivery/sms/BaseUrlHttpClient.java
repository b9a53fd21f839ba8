package com.boxncase.invites.notifier.delivery.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;

/**
 * The Twilio SDK's HTTP client pointed at another base URL: the SDK has no such setting, so each request's
 * {@code https://api.twilio.com} prefix is rewritten, its parameters copied and its credentials kept with
 * {@code setAuth(username, password)} (the {@code AuthStrategy} overload would drop them).
 */
final class BaseUrlHttpClient extends NetworkHttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;

    BaseUrlHttpClient(String baseUrl, RequestConfig config) {
        super(config);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        if (request.getUrl() == null || !request.getUrl().startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        Request rewritten =
                new Request(request.getMethod(), baseUrl + request.getUrl().substring(TWILIO_API.length()));
        copy(request.getQueryParams(), rewritten::addQueryParam);
        copy(request.getPostParams(), rewritten::addPostParam);
        copy(request.getHeaderParams(), rewritten::addHeaderParam);
        if (request.getContentType() != null) {
            rewritten.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            rewritten.setBody(request.getBody());
        }
        if (request.getFormParameters() != null) {
            rewritten.setFormParameters(request.getFormParameters());
        }
        rewritten.setUserAgentExtensions(request.getUserAgentExtensions());
        if (request.getUsername() != null) {
            rewritten.setAuth(request.getUsername(), request.getPassword());
        }
        return super.makeRequest(rewritten);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        if (params == null) {
            return;
        }
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
