package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.SmsStatusCallback;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.notifier.delivery.sms.OutgoingSms;
import com.boxncase.invites.notifier.delivery.sms.SmsSender;
import com.boxncase.invites.notifier.template.SmsTemplates;
import com.boxncase.invites.templates.RenderedSms;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The text of an invitation: to the invite's phone, with the invite, store, command and attempt in its status
 * callback URL, so Twilio's signed delivery reports name their invite. The provider message id is the Twilio message
 * SID. An invite without a phone has nothing to send by SMS (SKIPPED); without a configured provider nothing can be
 * sent (FAILED at once). The segments of each text sent are recorded in {@code invites.sms.segments}.
 */
@Component
class SmsDelivery implements ChannelDelivery {

    static final String NOT_CONFIGURED = "SMS channel not configured";

    private final SmsTemplates templates;
    private final SmsSender sender;
    private final DistributionSummary segments;

    SmsDelivery(SmsTemplates templates, SmsSender sender, MeterRegistry meters) {
        this.templates = templates;
        this.sender = sender;
        this.segments = DistributionSummary.builder("invites.sms.segments")
                .description("SMS segments per invitation text sent (GSM-7: 160/153, UCS-2: 70/67 per segment)")
                .baseUnit("segments")
                .register(meters);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String reasonToSkip(InviteSnapshot invite) {
        return invite.phone() == null || invite.phone().isBlank() ? "the invite has no phone number" : null;
    }

    @Override
    public String reasonNotToAttempt() {
        return sender.isConfigured() ? null : NOT_CONFIGURED;
    }

    @Override
    public CompletableFuture<String> send(Invitation invitation) {
        InviteSnapshot invite = invitation.invite();
        RenderedSms text = templates.render(invite.storeId(), invitation.locales(), invitation.model());
        SmsStatusCallback callback = new SmsStatusCallback(
                invite.id(), invite.storeId(), invitation.command().commandId(), invitation.attempt());
        return sender.send(new OutgoingSms(invite.phone(), text.text(), callback))
                .thenApply(sid -> {
                    segments.record(text.segments().segments());
                    return sid;
                });
    }
}
