package com.boxncase.invites.notifier.delivery;

import static com.boxncase.invites.notifier.support.InviteFixtures.notifyCommand;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.sms.SmsSender;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.InviteModels;
import com.boxncase.invites.notifier.template.SmsTemplates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsDeliveryNotConfiguredTest {

    private final NotifyLedger ledger = mock(NotifyLedger.class);
    private final Invites invites = mock(Invites.class);
    private final SmsSender sender = mock(SmsSender.class);
    private final DeliveryStatusPublisher status = mock(DeliveryStatusPublisher.class);
    private final SmsDelivery delivery = new SmsDelivery(
            ledger,
            invites,
            mock(SmsTemplates.class),
            mock(InviteModels.class),
            sender,
            status,
            new DeliveryMetrics(new SimpleMeterRegistry()),
            new LinkProperties("local-dev-link-secret-change-me-0123456789"),
            new NotifierProperties(
                    new NotifierProperties.Retry(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 1),
                    new NotifierProperties.Email("invites@boxncase.local", 4),
                    new NotifierProperties.Templates(Duration.ofMinutes(5))),
            new SimpleMeterRegistry());

    @Test
    void smsCommandFailsAtOnceWhenSmsIsNotConfigured() {
        NotifyInvite command =
                notifyCommand().channels(Channel.SMS).phone("+4915112345678").build();
        when(ledger.find(command.commandId(), Channel.SMS)).thenReturn(Optional.empty());
        when(sender.isConfigured()).thenReturn(false);

        assertThatThrownBy(() -> delivery.deliver(command))
                .isInstanceOf(PermanentDeliveryFailure.class)
                .hasMessage("SMS channel not configured");

        verify(status).publish(command, Channel.SMS, DeliveryState.FAILED, 0, null, "SMS channel not configured");
        verify(ledger)
                .record(command.commandId(), Channel.SMS, DeliveryState.FAILED, null, "SMS channel not configured");
        verify(ledger, never()).beginAttempt(anyString(), any(), anyString());
        verify(sender, never()).send(any());
    }
}
