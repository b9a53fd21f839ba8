package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies SMTP failures: a 5xx reply to the recipient or the message and an invalid address are
 * permanent; 4xx replies, refused connections, timeouts and everything else are transient.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static RuntimeException classify(Exception failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AddressException) {
                return new PermanentDeliveryFailure("invalid address: " + t.getMessage(), failure);
            }
            if (t instanceof SMTPAddressFailedException e && isPermanent(e.getReturnCode())) {
                return new PermanentDeliveryFailure(reply("recipient refused", e.getReturnCode(), e), failure);
            }
            if (t instanceof SMTPSendFailedException e
                    && !(t instanceof SMTPSenderFailedException)
                    && isPermanent(e.getReturnCode())) {
                return new PermanentDeliveryFailure(reply("message refused", e.getReturnCode(), e), failure);
            }
        }
        return new TransientDeliveryFailure(describe(failure), failure);
    }

    /**
     * Whether {@code failure} says the connection is gone rather than that the relay refused something: no SMTP
     * reply in it, or the relay's 421 (closing the channel).
     */
    static boolean isConnectionLost(Exception failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AddressException) {
                return false;
            }
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode() == 421;
            }
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode() == 421;
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode() == 421;
            }
        }
        return true;
    }

    private static boolean isPermanent(int returnCode) {
        return returnCode >= 500 && returnCode < 600;
    }

    private static String reply(String what, int code, Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        return what + ": " + (message.startsWith(String.valueOf(code)) ? message : code + " " + message);
    }

    private static String describe(Exception failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        String message = root == failure
                ? failure.getMessage()
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return String.valueOf(message).strip();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
