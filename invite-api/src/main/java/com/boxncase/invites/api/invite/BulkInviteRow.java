package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.ProblemException;

/**
 * One row of a bulk create, as the bulk endpoints and CSV imports hand it to {@link BulkInvites}.
 *
 * @param storeId the store the row invites to
 * @param request what the row asks for; null when the row could not be read
 * @param unreadable why the row could not be read (not an object, a field of the wrong type); null otherwise
 * @param inviteId the id the invite gets if the row is created: random for a plain request, derived from the
 *     request's {@code Idempotency-Key} or the import's id and line, so that doing the row again finds the invite
 *     created the first time instead of creating a second one
 */
public record BulkInviteRow(String storeId, CreateInviteRequest request, ProblemException unreadable, String inviteId) {

    public static BulkInviteRow of(String storeId, CreateInviteRequest request, String inviteId) {
        return new BulkInviteRow(storeId, request, null, inviteId);
    }

    public static BulkInviteRow unreadable(String storeId, ProblemException why) {
        return new BulkInviteRow(storeId, null, why, null);
    }
}
