package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.sms.OutgoingSms;
import com.boxncase.invites.notifier.delivery.sms.SmsSender;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.InviteModels;
import com.boxncase.invites.notifier.template.SmsTemplates;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RenderedSms;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one command by SMS with the steps of {@link ChannelDelivery} and its own ledger entry (command id +
 * SMS); the provider message id is the Twilio message SID. Without a configured provider or a phone number it
 * fails at once. The segments each text costs are logged and recorded in the distribution summary
 * {@code invites.sms.segments}.
 */
@Component
class SmsDelivery extends ChannelDelivery<RenderedSms> {

    private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);
    private static final LogLines LINES = new LogLines(
            "SMS of the command already {}, nothing sent",
            "SMS skipped: {}",
            "SMS not sent: {}",
            "SMS attempt {} failed, will retry: {}",
            "SMS attempt {} failed, no attempts left: {}",
            "SMS attempt {} failed for good: {}",
            "SMS delivery failed after {} attempts: {}");

    private final SmsTemplates templates;
    private final InviteModels models;
    private final SmsSender sender;
    private final DistributionSummary segments;

    SmsDelivery(
            NotifyLedger ledger,
            Invites invites,
            SmsTemplates templates,
            InviteModels models,
            SmsSender sender,
            DeliveryStatusPublisher status,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            NotifierProperties properties,
            MeterRegistry meters) {
        super(Channel.SMS, log, LINES, ledger, invites, status, metrics, linkProperties, properties);
        this.templates = templates;
        this.models = models;
        this.sender = sender;
        this.segments = DistributionSummary.builder("invites.sms.segments")
                .description("SMS segments per invitation text sent (GSM-7: 160/153, UCS-2: 70/67 per segment)")
                .baseUnit("segments")
                .register(meters);
    }

    @Override
    String reasonNotToAttempt(NotifyInvite command) {
        if (!sender.isConfigured()) {
            return "SMS channel not configured";
        }
        if (command.phone() == null || command.phone().isBlank()) {
            return "the invite has no phone number";
        }
        return null;
    }

    @Override
    RenderedSms compose(NotifyInvite command, String acceptUrl) {
        List<String> locales = Locales.candidates(command.locale(), command.storeDefaultLocale());
        return templates.render(command.storeId(), locales, models.of(command, acceptUrl, locales));
    }

    @Override
    String send(NotifyInvite command, RenderedSms text) {
        return sender.send(new OutgoingSms(command.phone(), text.text()));
    }

    @Override
    void sent(NotifyInvite command, RenderedSms text, int attempt, String sid) {
        segments.record(text.segments().segments());
        log.info(
                "Invitation SMS sent on attempt {} as {}: {} segment(s), {} {} units",
                attempt,
                sid,
                text.segments().segments(),
                text.segments().units(),
                text.segments().encoding());
    }
}
