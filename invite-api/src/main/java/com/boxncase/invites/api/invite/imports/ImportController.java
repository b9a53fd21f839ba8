package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.web.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV imports of any size: upload a file (202 with the import), follow its progress, download the per-row results
 * once done, or cancel it. The rows are created in the background, in batches, through the same path as the bulk
 * endpoint; a file that is not an import file is refused at upload with a 400 naming the line.
 */
@RestController
@Tag(name = "Invite imports")
@RequestMapping("/api/v1/stores/{storeId}/invite-imports")
class ImportController {

    static final String FORMAT = "UTF-8 (a byte order mark is fine); fields separated by commas or by semicolons;"
            + " RFC 4180 quoting; a header row naming the columns, in any order and case: `email` (required),"
            + " `phone`, `role`, `locale`, `message`. Each row is judged like a single create.";

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @Operation(
            summary = "Import invites from a CSV file (the request body)",
            description = FORMAT + " 202 with the import; the rows are created in the background. A file that is not"
                    + " an import file (bad quoting, unknown column, another number of fields than the header, not"
                    + " UTF-8) or that passes `invites.bulk.imports.max-rows` or `max-size`: 400 naming the line,"
                    + " nothing imported.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))),
            responses = {
                @ApiResponse(responseCode = "202", description = "queued; `Location` is the import"),
                @ApiResponse(responseCode = "400", description = "not an import file, or over a limit: names the line")
            })
    @PostMapping(consumes = {"text/csv", "application/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImportView> upload(
            @PathVariable String storeId,
            @Parameter(description = "the file's name, shown with the import")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String fileName,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) Authentication authentication)
            throws IOException {
        String charset = request.getCharacterEncoding();
        if (charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
            throw new InvalidField("Content-Type", "the file must be UTF-8 (charset=" + charset + ")");
        }
        try (InputStream body = request.getInputStream()) {
            return accepted(imports.upload(storeId, body, fileName, Caller.of(authentication)));
        }
    }

    @Operation(
            summary = "Import invites from a CSV file (a form upload, part `file`)",
            description = FORMAT + " The same as the text/csv upload, for a browser's file input.",
            responses = {
                @ApiResponse(responseCode = "202", description = "queued; `Location` is the import"),
                @ApiResponse(responseCode = "400", description = "not an import file, or over a limit: names the line")
            })
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportView> uploadForm(
            @PathVariable String storeId,
            @RequestPart("file") MultipartFile file,
            @Parameter(hidden = true) Authentication authentication)
            throws IOException {
        try (InputStream body = file.getInputStream()) {
            return accepted(imports.upload(storeId, body, file.getOriginalFilename(), Caller.of(authentication)));
        }
    }

    @Operation(summary = "The store's latest imports, newest first")
    @GetMapping
    ImportView.Page list(@PathVariable String storeId) {
        return new ImportView.Page(
                imports.recent(storeId).stream().map(ImportView::of).toList());
    }

    @Operation(summary = "Where an import stands: rows read, created, failed, done")
    @GetMapping("/{importId}")
    ImportView get(@PathVariable String storeId, @PathVariable String importId) {
        return ImportView.of(imports.get(storeId, importId));
    }

    @Operation(
            summary = "The per-row results of a finished import, as CSV",
            description = "Columns `line,email,status,inviteId,error`, in file order: `line` is the row's line in the"
                    + " uploaded file (the header is line 1); `status` 201 created, otherwise what a single create"
                    + " of the row would have answered (400 invalid, 409 already invited, naming the open invite in"
                    + " `inviteId`). 409 while the import is still running.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))),
                @ApiResponse(responseCode = "409", description = "still running")
            })
    @GetMapping(path = "/{importId}/results")
    void results(@PathVariable String storeId, @PathVariable String importId, HttpServletResponse response)
            throws IOException {
        imports.get(storeId, importId); // a 404 or 409 before anything is written
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"invite-import-" + importId + "-results.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeResults(storeId, importId, out);
        out.flush();
    }

    @Operation(
            summary = "The per-row results as JSON, a page at a time",
            description = "The same rows as the CSV, so far (also while running); `failedOnly=true` for the refused"
                    + " rows only.")
    @GetMapping("/{importId}/rows")
    ImportView.Results rows(
            @PathVariable String storeId,
            @PathVariable String importId,
            @RequestParam(defaultValue = "false") boolean failedOnly,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 20) String cursor) {
        return imports.rows(storeId, importId, failedOnly, limit, cursor);
    }

    @Operation(
            summary = "Cancel an import",
            description = "The rows not read yet are not imported; those already created stay. 409 once finished.")
    @DeleteMapping("/{importId}")
    ImportView cancel(@PathVariable String storeId, @PathVariable String importId) {
        return ImportView.of(imports.cancel(storeId, importId));
    }

    @Operation(summary = "Cancel an import (the same as DELETE, for clients that cannot send DELETE)")
    @PostMapping("/{importId}/cancel")
    ImportView cancelByPost(@PathVariable String storeId, @PathVariable String importId) {
        return ImportView.of(imports.cancel(storeId, importId));
    }

    private static ResponseEntity<ImportView> accepted(InviteImport queued) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/stores/" + queued.storeId() + "/invite-imports/" + queued.id()))
                .body(ImportView.of(queued));
    }
}
