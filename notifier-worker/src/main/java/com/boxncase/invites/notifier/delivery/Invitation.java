package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.templates.InviteModel;
import java.util.List;

/**
 * One command's invitation, ready for any channel: the invite as stored, the template model built from it (never
 * from the command), and the template locales to try in order.
 *
 * @param attempt the attempt this delivery is (1 for the first)
 */
record Invitation(NotifyInvite command, InviteSnapshot invite, int attempt, InviteModel model, List<String> locales) {}
