package com.boxncase.invites.api.invite;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the bulk create and of CSV imports ({@code invites.bulk.*}). Validated at start-up.
 *
 * @param maxRows rows one bulk request may hold; more is a 400
 * @param maxBodySize largest bulk request body; a larger one is refused with 413 before it is parsed whole. The
 *     default fits {@code maxRows} rows with the longest message each.
 * @param imports CSV imports
 */
@Validated
@ConfigurationProperties("invites.bulk")
public record BulkProperties(
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxRows,
        @DefaultValue("2MB") @NotNull DataSize maxBodySize,
        @Valid @NotNull @DefaultValue Imports imports) {

    /**
     * @param maxRows data rows one file may hold (the header not counted); more is a 400 naming the line
     * @param maxSize largest file; a larger one is a 400 naming the line where the limit was passed
     * @param batchSize rows created per bulk insert while processing; kept per import, so a change applies to new
     *     imports only
     * @param lease how long an instance holds an import it processes without renewing (it renews after every
     *     batch); after an instance dies, another one resumes the import once this has passed
     * @param pollInterval how often an idle instance looks for imports to process (a new upload wakes the
     *     instance that took it at once)
     * @param workers imports this instance processes at once
     * @param retention how long a finished import and its per-row results are kept
     */
    public record Imports(
            @DefaultValue("500000") @Min(1) int maxRows,
            @DefaultValue("64MB") @NotNull DataSize maxSize,
            @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("60s") @NotNull Duration lease,
            @DefaultValue("2s") @NotNull Duration pollInterval,
            @DefaultValue("1") @Min(0) @Max(16) int workers,
            @DefaultValue("30d") @NotNull Duration retention) {}
}
