package com.boxncase.invites.expiry.purge;

import static com.boxncase.invites.expiry.InviteFixtures.pendingInvite;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.expiry.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PurgeJobTest extends WorkerTest {

    private static final Instant LONG_AGO = START.minus(Duration.ofDays(120));

    @Autowired
    PurgeJob purge;

    @Test
    void oldRevokedAndExpiredInvitesArePurgedWhileAdminUsersAndTheAuditTrailAreKept() {
        Document acceptedLongAgo = insert(pendingInvite(LONG_AGO).accepted(START.minus(Duration.ofDays(91))));
        Document revokedLongAgo = insert(pendingInvite(LONG_AGO).revoked(START.minus(Duration.ofDays(100))));
        Document expiredLongAgo = insert(pendingInvite(LONG_AGO)
                .expiresAt(START.minus(Duration.ofDays(91)))
                .expired());
        Document acceptedRecently = insert(pendingInvite(LONG_AGO).accepted(START.minus(Duration.ofDays(89))));
        Document expiredRecently = insert(pendingInvite(LONG_AGO)
                .expiresAt(START.minus(Duration.ofDays(89)))
                .expired());
        Document stillPending = insert(pendingInvite(LONG_AGO));
        Document unpublished = insert(pendingInvite(LONG_AGO)
                .revoked(START.minus(Duration.ofDays(100)))
                .unpublishedMessage());
        Document auditEntry = new Document("_id", "audit-" + id(acceptedLongAgo))
                .append("inviteId", id(acceptedLongAgo))
                .append("type", "ACCEPTED");
        mongo.insert(auditEntry, "audit");

        assertThat(purge.run()).isEqualTo(2);

        assertThat(invite(id(acceptedLongAgo)))
                .as("an accepted invite is the record of its admin user")
                .isNotNull();
        assertThat(invite(id(revokedLongAgo))).isNull();
        assertThat(invite(id(expiredLongAgo))).isNull();
        assertThat(invite(id(acceptedRecently))).isNotNull();
        assertThat(invite(id(expiredRecently))).isNotNull();
        assertThat(invite(id(stillPending))).isNotNull();
        assertThat(invite(id(unpublished))).isNotNull();
        assertThat(mongo.findById(auditEntry.get("_id"), Document.class, "audit"))
                .isNotNull();
    }
}
