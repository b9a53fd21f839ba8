package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.CreateInviteRequest;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads an invite import file row by row, never holding more than a row (and a small buffer) in memory. The format:
 * UTF-8, with or without a byte order mark; fields separated by commas or by semicolons (as spreadsheets write CSV in
 * locales whose decimal mark is a comma), chosen by which of the two the header line holds more of; RFC 4180 quoting
 * ({@code "a ""quoted"" field, with a comma"}, line breaks inside quotes); a header row naming the columns, in any
 * order and case, from {@link #COLUMNS}, {@code email} required. Blank lines (also lines of empty fields, as
 * spreadsheets leave at the end) are skipped.
 *
 * <p>Rows are numbered by the line of the file they start on (the header is line 1), which is what a spreadsheet
 * shows, so a problem or a per-row result names a line a person can find. The same reader checks an upload and later
 * processes it, so both number the lines alike.
 */
final class CsvInviteReader implements Closeable {

    /** The columns an import may have. */
    static final List<String> COLUMNS = List.of("email", "phone", "role", "locale", "message");

    /** The header line must fit in this many characters (it is read twice: to choose the delimiter, then parsed). */
    private static final int HEADER_LIMIT = 4096;

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int[] columnOf = new int[COLUMNS.size()];
    private final int width;
    private long lastLine;

    /** One data row: the line it starts on and its fields. */
    record Row(long line, String email, String phone, String role, String locale, String message) {

        CreateInviteRequest request() {
            return new CreateInviteRequest(email, phone, role, locale, message, null);
        }
    }

    /** The file is not an import file: what is wrong and on which line. */
    static final class Malformed extends Exception {
        private final long line;

        Malformed(long line, String reason) {
            super(reason);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /**
     * Opens {@code in} and reads its header.
     *
     * @throws Malformed when the header is missing, too long, or names an unknown or repeated column
     */
    CsvInviteReader(InputStream in) throws IOException, Malformed {
        // Bytes that are not UTF-8 become U+FFFD, found in the row that holds them: the decoder reads ahead of the
        // parser, so only the row knows its line.
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader text = new BufferedReader(
                new InputStreamReader(
                        BOMInputStream.builder().setInputStream(in).get(), utf8),
                8192);
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false) // skipped here, so that each row's first line is known
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        this.parser = CSVParser.builder().setReader(text).setFormat(format).get();
        this.records = parser.iterator();
        CSVRecord header = nextRecord();
        if (header == null || blank(header)) {
            throw new Malformed(
                    1, "the header row is missing: it names the columns, e.g. " + String.join(",", COLUMNS));
        }
        if (notUtf8(header)) {
            throw new Malformed(1, "is not UTF-8 text");
        }
        Arrays.fill(columnOf, -1);
        List<String> names = new ArrayList<>();
        for (String value : header) {
            names.add(value.trim().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < names.size(); i++) {
            int column = COLUMNS.indexOf(names.get(i));
            if (column < 0) {
                throw new Malformed(
                        1, "unknown column '" + header.get(i) + "'; the columns are " + String.join(", ", COLUMNS));
            }
            if (columnOf[column] >= 0) {
                throw new Malformed(1, "column '" + names.get(i) + "' appears twice");
            }
            columnOf[column] = i;
        }
        if (columnOf[0] < 0) {
            throw new Malformed(1, "the header has no 'email' column");
        }
        this.width = names.size();
    }

    /**
     * The next data row, or null at the end of the file.
     *
     * @throws Malformed on bad quoting, text that is not UTF-8, or a row with another number of fields than the
     *     header
     */
    Row next() throws Malformed {
        while (true) {
            long line = lastLine + 1;
            CSVRecord record = nextRecord();
            if (record == null) {
                return null;
            }
            if (blank(record)) {
                continue;
            }
            if (notUtf8(record)) {
                throw new Malformed(line, "is not UTF-8 text");
            }
            if (record.size() != width) {
                throw new Malformed(
                        line,
                        "has " + record.size() + (record.size() == 1 ? " field" : " fields") + "; the header has "
                                + width);
            }
            return new Row(
                    line, field(record, 0), field(record, 1), field(record, 2), field(record, 3), field(record, 4));
        }
    }

    /** Skips {@code rows} data rows (to resume after the rows an earlier run processed). */
    void skip(long rows) throws Malformed {
        for (long i = 0; i < rows && next() != null; i++) {
            // reading is what skipping is: lines are only known by reading them
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private CSVRecord nextRecord() throws Malformed {
        long line = lastLine + 1;
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            lastLine = parser.getCurrentLineNumber();
            return record;
        } catch (UncheckedIOException e) {
            // commons-csv's messages name the problem ("invalid char between encapsulated token and delimiter",
            // "EOF reached before encapsulated token finished"); the line is ours, where the row starts
            throw new Malformed(
                    line, "is not valid CSV: " + withoutPosition(e.getCause().getMessage()));
        }
    }

    private String field(CSVRecord record, int column) {
        int index = columnOf[column];
        if (index < 0) {
            return null;
        }
        String value = record.get(index);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean notUtf8(CSVRecord record) {
        for (String value : record) {
            if (value != null && value.indexOf('\uFFFD') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Semicolons when the header line holds more of them than commas; commas otherwise. */
    private static char delimiterOf(BufferedReader text) throws IOException, Malformed {
        text.mark(HEADER_LIMIT + 2);
        int commas = 0;
        int semicolons = 0;
        for (int i = 0; ; i++) {
            int c = text.read();
            if (c < 0 || c == '\n' || c == '\r') {
                break;
            }
            if (i == HEADER_LIMIT) {
                throw new Malformed(1, "the header line is longer than " + HEADER_LIMIT + " characters");
            }
            if (c == ',') {
                commas++;
            } else if (c == ';') {
                semicolons++;
            }
        }
        text.reset();
        return semicolons > commas ? ';' : ',';
    }

    private static String withoutPosition(String message) {
        return message == null
                ? "malformed"
                : message.replaceAll("\\s*\\((line|startline) \\d+\\)", "").trim();
    }
}
