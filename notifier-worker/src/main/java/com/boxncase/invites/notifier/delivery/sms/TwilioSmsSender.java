package com.boxncase.invites.notifier.delivery.sms;

import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.RequestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends texts with the Twilio SDK ({@code Message.creator(...).setStatusCallback(...)}), to {@code
 * invites.sms.twilio.base-url}, from {@code invites.notifier.sms.senders} threads in parallel (each call is one
 * blocking HTTP request). The status callback URL is the configured one with the message's invite, store, command
 * and attempt appended ({@link com.boxncase.invites.contracts.SmsStatusCallback}); Twilio signs the whole URL, so
 * invite-api can trust those ids. Without an account SID it is not configured: it says so once at start-up and
 * every send fails permanently with "SMS channel not configured".
 */
@Component
class TwilioSmsSender implements SmsSender, DisposableBean {

    static final String NOT_CONFIGURED = "SMS channel not configured";
    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    private final TwilioProperties.Twilio settings;
    private final TwilioRestClient client;
    private final ExecutorService senders;

    TwilioSmsSender(TwilioProperties properties, NotifierProperties notifier) {
        this.settings = properties.twilio();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(notifier.sms().senders(), task -> {
            Thread thread = new Thread(task, "sms-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (!settings.isConfigured()) {
            this.client = null;
            log.warn(
                    "SMS not configured: set invites.sms.twilio.account-sid, auth-token and from-number"
                            + " (INVITES_SMS_TWILIO_*); SMS deliveries fail with \"{}\"",
                    NOT_CONFIGURED);
            return;
        }
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectionRequestTimeout(5, TimeUnit.SECONDS)
                .setResponseTimeout(15, TimeUnit.SECONDS)
                .build();
        String baseUrl = settings.baseUrl().toString();
        NetworkHttpClient http = baseUrl.replaceAll("/+$", "").equals(BaseUrlHttpClient.TWILIO_API)
                ? new NetworkHttpClient(timeouts)
                : new BaseUrlHttpClient(baseUrl, timeouts);
        this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(http)
                .build();
        log.info(
                "SMS via Twilio account {} at {}, sender {}, status callbacks to {}",
                settings.accountSid(),
                baseUrl,
                TwilioProperties.Twilio.isBlank(settings.fromNumber())
                        ? settings.messagingServiceSid()
                        : settings.fromNumber(),
                settings.statusCallbackUrl() == null ? "(none)" : settings.statusCallbackUrl());
    }

    @Override
    public boolean isConfigured() {
        return client != null;
    }

    @Override
    public CompletableFuture<String> send(OutgoingSms sms) {
        if (client == null) {
            return CompletableFuture.failedFuture(new PermanentDeliveryFailure(NOT_CONFIGURED, null));
        }
        return CompletableFuture.supplyAsync(() -> sendNow(sms), senders);
    }

    @Override
    public void destroy() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.SECONDS);
    }

    private String sendNow(OutgoingSms sms) {
        PhoneNumber to = new PhoneNumber(sms.to());
        MessageCreator creator = TwilioProperties.Twilio.isBlank(settings.messagingServiceSid())
                ? Message.creator(to, new PhoneNumber(settings.fromNumber()), sms.body())
                : Message.creator(to, settings.messagingServiceSid(), sms.body());
        if (settings.statusCallbackUrl() != null) {
            String base = settings.statusCallbackUrl().toString();
            creator.setStatusCallback(
                    URI.create(sms.callback() == null ? base : sms.callback().appendTo(base)));
        }
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            throw classify(e);
        } catch (TwilioException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new TransientDeliveryFailure("Twilio unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * HTTP 429 and 5xx (and no status at all) are transient; any other 4xx is permanent, among them 21211 (invalid
     * To), 21610 (recipient unsubscribed) and 21614 (not a mobile number).
     */
    static RuntimeException classify(ApiException e) {
        Integer status = e.getStatusCode();
        String reason = "Twilio " + (e.getCode() == null ? "HTTP " + status : e.getCode()) + ": " + e.getMessage();
        if (status == null || status == 0 || status == 429 || status >= 500) {
            return new TransientDeliveryFailure(reason, e);
        }
        return new PermanentDeliveryFailure(reason, e);
    }
}
