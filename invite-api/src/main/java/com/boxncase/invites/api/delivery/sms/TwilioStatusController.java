package com.boxncase.invites.api.delivery.sms;

import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.contracts.SmsStatusCallback;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/twilio/status}: Twilio's delivery reports for the invitation texts. No bearer token; the
 * {@code X-Twilio-Signature} over the configured public URL (with the query string the notifier put on it: the
 * SMS's invite, command and attempt) and the form parameters, checked with the SDK's {@link RequestValidator}, is
 * the credential. A missing or wrong signature is refused with 403 and records nothing.
 */
@RestController
class TwilioStatusController {

    static final String PATH = "/webhooks/twilio/status";
    private static final Logger log = LoggerFactory.getLogger(TwilioStatusController.class);

    private final SmsStatusCallbacks callbacks;
    private final RequestValidator validator;
    private final String publicUrl;

    TwilioStatusController(SmsStatusCallbacks callbacks, TwilioWebhookProperties properties) {
        this.callbacks = callbacks;
        if (properties.isConfigured()) {
            this.validator = new RequestValidator(properties.authToken());
            this.publicUrl = properties.statusCallbackUrl().toString();
        } else {
            this.validator = null;
            this.publicUrl = null;
            log.warn(
                    "Twilio status callbacks not configured (invites.sms.twilio.auth-token and status-callback-url,"
                            + " env INVITES_SMS_TWILIO_AUTHTOKEN / _STATUSCALLBACKURL): {} refuses every callback",
                    PATH);
        }
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        String query = request.getQueryString();
        SmsStatusCallback sms = SmsStatusCallback.fromQuery(query);
        Map<String, String> params = formParameters(request);
        String signedUrl = query == null ? publicUrl : publicUrl + "?" + query;
        if (validator == null || signature == null || !validator.validate(signedUrl, params, signature)) {
            log.warn("Refused a Twilio status callback without a valid signature from {}", request.getRemoteAddr());
            throw new SignatureInvalid();
        }
        if (sms == null) {
            log.warn("Signed Twilio callback without the SMS's ids in its URL (sent by an older notifier?): ignored");
            return ResponseEntity.noContent().build();
        }
        callbacks.accept(sms, TwilioCallback.of(params));
        return ResponseEntity.noContent().build();
    }

    /** The POSTed parameters only: Twilio signs the URL with its query string, plus the form body's parameters. */
    private static Map<String, String> formParameters(HttpServletRequest request) {
        Set<String> queryNames = new HashSet<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    queryNames.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // not a parameter Twilio or the notifier wrote; the signature check refuses the request
                }
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!queryNames.contains(name)) {
                params.put(name, values.length == 0 ? "" : values[0]);
            }
        });
        return params;
    }

    static final class SignatureInvalid extends ProblemException {
        SignatureInvalid() {
            super(HttpStatus.FORBIDDEN, "The X-Twilio-Signature header is missing or does not match.");
        }
    }
}
