package com.boxncase.invites.api.delivery.sms;

import com.boxncase.invites.api.web.ProblemException;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@code X-Twilio-Signature} over the configured public URL and the form parameters, checked with the SDK's
 * {@link RequestValidator}, is the credential. A missing or wrong signature is refused with 403 and records
 * nothing.
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
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        if (validator == null || signature == null || !validator.validate(publicUrl, params, signature)) {
            log.warn("Refused a Twilio status callback without a valid signature from {}", request.getRemoteAddr());
            throw new SignatureInvalid();
        }
        callbacks.accept(TwilioCallback.of(params));
        return ResponseEntity.noContent().build();
    }

    static final class SignatureInvalid extends ProblemException {
        SignatureInvalid() {
            super(HttpStatus.FORBIDDEN, "The X-Twilio-Signature header is missing or does not match.");
        }
    }
}
