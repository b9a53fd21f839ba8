package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.web.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many invites in one request, for platforms that onboard whole teams: up to {@code invites.bulk.max-rows} rows,
 * each judged alone exactly as the single create judges it, written with one bulk insert, answered with one result
 * per row in request order.
 */
@RestController
@Tag(name = "Bulk invites")
class BulkInviteController {

    private static final String ROWS_DESCRIPTION = "200 whenever the body has the right shape, whatever became of each"
            + " row: `created` and `failed` count the rows, `results` has one entry per row in request order with"
            + " `status` 201 and the `invite`, or the status and `problem` a single create of that row would have"
            + " answered (400 naming the field, 403 for a store outside the token, 409 naming the open invite for"
            + " that email or the earlier row of this request with the same email).";

    private final BulkInviteRequests requests;
    private final BulkProperties properties;
    private final JsonMapper json;

    BulkInviteController(BulkInviteRequests requests, BulkProperties properties, JsonMapper json) {
        this.requests = requests;
        this.properties = properties;
        this.json = json;
    }

    @Operation(
            summary = "Invite many admins to a store",
            description = "Up to `invites.bulk.max-rows` (default 1000) rows. The rows that pass are written with one"
                    + " bulk insert; each is delivered and audited like a single invite. `Idempotency-Key`: a retry"
                    + " with the same key and body gets the first answer whole (header `Idempotent-Replayed: true`)"
                    + " and creates nothing twice. No rows, more rows than allowed or a body of another shape: 400."
                    + " A body over `invites.bulk.max-body-size`: 413.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BulkInviteRequest.ForStore.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = ROWS_DESCRIPTION,
                        content = @Content(schema = @Schema(implementation = BulkInviteResponse.class))),
                @ApiResponse(responseCode = "400", description = "not `{\"invites\": [...]}` with 1 to max-rows rows"),
                @ApiResponse(responseCode = "413", description = "body over `invites.bulk.max-body-size`"),
                @ApiResponse(responseCode = "422", description = "`Idempotency-Key` reused with another body")
            })
    @PostMapping(path = "/api/v1/stores/{storeId}/invites/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> createInStore(
            @PathVariable String storeId,
            @Parameter(hidden = true) HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @Parameter(hidden = true) Authentication authentication)
            throws IOException {
        JsonNode body = read(request);
        return answer(requests.create(storeId, body, Caller.of(authentication), idempotencyKey));
    }

    @Operation(
            summary = "Invite many admins to many stores (platform backends)",
            description = "The same as the store's bulk endpoint, but each row names its `storeId`. Every store must"
                    + " be in the token's `stores`: a row for another store is refused with 403 and the other rows"
                    + " proceed. Needs scope `invites:write`.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BulkInviteRequest.ForStores.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = ROWS_DESCRIPTION,
                        content = @Content(schema = @Schema(implementation = BulkInviteResponse.class))),
                @ApiResponse(responseCode = "400", description = "not `{\"invites\": [...]}` with 1 to max-rows rows"),
                @ApiResponse(responseCode = "413", description = "body over `invites.bulk.max-body-size`"),
                @ApiResponse(responseCode = "422", description = "`Idempotency-Key` reused with another body")
            })
    @PostMapping(path = "/api/v1/invites/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> createInStores(
            @Parameter(hidden = true) HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @Parameter(hidden = true) Authentication authentication)
            throws IOException {
        JsonNode body = read(request);
        return answer(requests.create(null, body, Caller.of(authentication), idempotencyKey));
    }

    /**
     * Reads the body itself rather than through {@code @RequestBody}: so that its size limit is this endpoint's own
     * ({@code invites.bulk.max-body-size}), enforced while reading, and so that each row can be read on its own.
     */
    private JsonNode read(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BulkProblems.BodyTooLarge(limit);
        }
        try (InputStream body = new LimitedInputStream(request.getInputStream(), limit)) {
            return json.readTree(body);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw new BulkProblems.BodyTooLarge(limit);
        } catch (JacksonException e) {
            if (LimitedInputStream.LimitExceeded.in(e) != null) {
                throw new BulkProblems.BodyTooLarge(limit);
            }
            throw new InvalidField("body", "is not valid JSON");
        }
    }

    private static ResponseEntity<String> answer(BulkInviteRequests.Answer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(answer.json());
    }
}
