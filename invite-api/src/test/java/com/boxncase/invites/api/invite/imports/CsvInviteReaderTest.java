package com.boxncase.invites.api.invite.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInviteReaderTest {

    @Test
    void rowsAreNumberedByTheLineTheyStartOnAcrossBlankLinesAndQuotedLineBreaks() throws Exception {
        List<CsvInviteReader.Row> rows = read("email,role,message\n"
                + "a@example.com,ADMIN,hello\n"
                + "\n"
                + "b@example.com,STAFF,\"two\nlines, and a \"\"quote\"\"\"\n"
                + ",,\n"
                + "c@example.com,STAFF,");

        assertThat(rows).extracting(CsvInviteReader.Row::line).containsExactly(2L, 4L, 7L);
        assertThat(rows.get(1).message()).isEqualTo("two\nlines, and a \"quote\"");
        assertThat(rows.get(2).message()).isNull();
        assertThat(rows.get(0).request().role()).isEqualTo("ADMIN");
        assertThat(rows.get(0).request().phone()).isNull();
    }

    @Test
    void aByteOrderMarkSemicolonsCrLfAndColumnsInAnyOrderAndCaseAreRead() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "Role; EMAIL ;Locale\r\nSTAFF;a@example.com;de\r\nADMIN;\"b@example.com\";en\r\n";
        List<CsvInviteReader.Row> rows = read(concat(bom, text.getBytes(StandardCharsets.UTF_8)));

        assertThat(rows).extracting(CsvInviteReader.Row::email).containsExactly("a@example.com", "b@example.com");
        assertThat(rows).extracting(CsvInviteReader.Row::role).containsExactly("STAFF", "ADMIN");
        assertThat(rows).extracting(CsvInviteReader.Row::locale).containsExactly("de", "en");
        assertThat(rows).extracting(CsvInviteReader.Row::line).containsExactly(2L, 3L);
    }

    @Test
    void aFileThatIsNotAnImportFileIsRefusedNamingTheLine() {
        assertMalformed("email,name\na@example.com,Ann\n", 1, "unknown column 'name'");
        assertMalformed("role\nADMIN\n", 1, "no 'email' column");
        assertMalformed("email,Email\n", 1, "appears twice");
        assertMalformed("", 1, "header row is missing");
        assertMalformed("email,role\na@example.com,ADMIN\nb@example.com\n", 3, "has 1 field; the header has 2");
        assertMalformed("email,role\na@example.com,ADMIN\n\"b@example.com\"x,STAFF\n", 3, "not valid CSV");
        assertMalformed("email,role\na@example.com,ADMIN\n\n\"b@example.com,STAFF\n", 4, "not valid CSV");
        assertMalformed(
                concat(
                        "email,role\na@example.com,ADMIN\nb".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xE9, ',', 'X', '\n'}),
                3,
                "not UTF-8");
    }

    private static void assertMalformed(String text, long line, String reason) {
        assertMalformed(text.getBytes(StandardCharsets.UTF_8), line, reason);
    }

    private static void assertMalformed(byte[] bytes, long line, String reason) {
        assertThatThrownBy(() -> read(bytes)).isInstanceOfSatisfying(CsvInviteReader.Malformed.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    private static List<CsvInviteReader.Row> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvInviteReader.Row> read(byte[] bytes) throws Exception {
        List<CsvInviteReader.Row> rows = new ArrayList<>();
        try (CsvInviteReader reader = new CsvInviteReader(new ByteArrayInputStream(bytes))) {
            for (CsvInviteReader.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
