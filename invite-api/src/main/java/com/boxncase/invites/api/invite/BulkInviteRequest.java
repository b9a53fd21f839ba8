package com.boxncase.invites.api.invite;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The bodies of the bulk endpoints, for the OpenAPI document. The endpoints read the rows one by one (a row of the
 * wrong shape fails alone, with a 400 naming its field), so these records only describe them.
 */
final class BulkInviteRequest {

    private BulkInviteRequest() {}

    /** {@code POST /api/v1/stores/{storeId}/invites/bulk}. */
    record ForStore(
            @ArraySchema(
                    schema = @Schema(implementation = CreateInviteRequest.class),
                    minItems = 1,
                    maxItems = 1000,
                    arraySchema = @Schema(description = "1 to invites.bulk.max-rows (default 1000) invites"))
            List<CreateInviteRequest> invites) {}

    /** {@code POST /api/v1/invites/bulk}: every row names its store, which must be in the caller's token. */
    record ForStores(
            @ArraySchema(
                    schema = @Schema(implementation = StoreInviteRequest.class),
                    minItems = 1,
                    maxItems = 1000,
                    arraySchema = @Schema(description = "1 to invites.bulk.max-rows (default 1000) invites"))
            List<StoreInviteRequest> invites) {}

    /** One row of {@code POST /api/v1/invites/bulk}: a {@link CreateInviteRequest} with the store it is for. */
    record StoreInviteRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String storeId,

            String email,
            String phone,
            String role,
            String locale,
            String message,
            Integer expiresInDays) {

        CreateInviteRequest invite() {
            return new CreateInviteRequest(email, phone, role, locale, message, expiresInDays);
        }
    }
}
