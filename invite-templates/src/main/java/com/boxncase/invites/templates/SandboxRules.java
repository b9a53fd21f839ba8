package com.boxncase.invites.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a store's template may use, checked before it is rendered anywhere (at save, in a preview, and when the
 * notifier loads a stored template, so a template written to the database directly meets the same rules).
 *
 * <p>An allow-list, not a deny-list: the directives and built-ins a message needs, and none that could make a
 * render unbounded in ways the time and output bounds cannot stop. No {@code #assign}, {@code #macro} or
 * {@code #function} (so no recursion and no string that doubles on every loop iteration), no {@code ?interpret}
 * or {@code ?eval} (no template built at run time, past these rules), no {@code ?new} or {@code ?api}, no
 * built-ins that loop inside Java where FreeMarker's interruption checks cannot reach ({@code ?join},
 * {@code ?sort}, {@code ?left_pad}, the regular-expression built-ins), and no number literal above
 * {@link #MAX_NUMBER}, which keeps ranges and counts to the size of a message.
 *
 * <p>FreeMarker code is found by a small scanner of interpolations and directive tags (strings, nested
 * interpolations and brackets included); plain text, where a {@code ?} is just a question mark, is not code.
 */
final class SandboxRules {

    /** The largest number literal a store template may contain. */
    static final long MAX_NUMBER = 10_000;

    static final Set<String> DIRECTIVES = Set.of(
            "if",
            "elseif",
            "else",
            "list",
            "items",
            "sep",
            "switch",
            "case",
            "default",
            "on",
            "break",
            "continue",
            "compress",
            "t",
            "lt",
            "rt",
            "nt",
            "noautoesc",
            "autoesc",
            "noparse",
            "stop");

    static final Set<String> BUILT_INS = Set.of(
            // strings, all linear in their input and free of regular expressions
            "upper_case",
            "lower_case",
            "cap_first",
            "uncap_first",
            "capitalize",
            "trim",
            "length",
            "has_content",
            "contains",
            "starts_with",
            "ends_with",
            "index_of",
            "last_index_of",
            "remove_beginning",
            "remove_ending",
            "truncate",
            "truncate_w",
            "truncate_c",
            "truncate_m",
            "word_list",
            "substring",
            // escaping and output formats
            "html",
            "xhtml",
            "xml",
            "url",
            "url_path",
            "js_string",
            "json_string",
            "j_string",
            "esc",
            "no_esc",
            "markup_string",
            // values and types
            "string",
            "c",
            "cn",
            "then",
            "boolean",
            "is_string",
            "is_boolean",
            "is_number",
            "is_sequence",
            "size",
            "round",
            "floor",
            "ceiling",
            "abs",
            // loop variables
            "index",
            "counter",
            "has_next",
            "is_first",
            "is_last",
            "is_even_item",
            "is_odd_item",
            "item_parity",
            "item_parity_cap",
            "item_cycle");

    private SandboxRules() {}

    /** The rule violations in one part's source, with line and column. */
    static List<TemplateProblem> check(String field, String source) {
        Scanner scanner = new Scanner(field, source, true);
        scanner.text();
        return scanner.problems;
    }

    /**
     * The rule violations in FreeMarker's own canonical form of a parsed part, a second look that does not depend
     * on how the source was written (comments, spacing, quoting). Positions are unknown there, so 0.
     */
    static List<TemplateProblem> checkCanonical(String field, String canonical) {
        Scanner scanner = new Scanner(field, canonical, false);
        scanner.text();
        return scanner.problems;
    }

    /** FreeMarker accepts {@code upperCase} for {@code upper_case} and {@code noAutoEsc} for {@code noautoesc}. */
    static String normalize(String name) {
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    private static String directiveName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static final class Scanner {
        private final String field;
        private final String src;
        private final boolean positions;
        private final List<TemplateProblem> problems = new ArrayList<>();
        private int pos;

        Scanner(String field, String src, boolean positions) {
            this.field = field;
            this.src = src == null ? "" : src;
            this.positions = positions;
        }

        void text() {
            while (pos < src.length()) {
                if (startsWith("<#--")) {
                    skipPast("-->");
                } else if (startsWith("<#") || startsWith("</#")) {
                    directive();
                } else if (startsWith("<@") || startsWith("</@")) {
                    problem(pos, "macro calls (<@...>) are not allowed in store templates");
                    pos += 2;
                } else if (startsWith("${") || startsWith("#{")) {
                    pos += 2;
                    code('}');
                } else {
                    pos++;
                }
            }
        }

        private void directive() {
            int at = pos;
            boolean closing = src.charAt(pos + 1) == '/';
            pos += closing ? 3 : 2;
            int nameStart = pos;
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
                pos++;
            }
            String name = directiveName(src.substring(nameStart, pos));
            if (!closing && !DIRECTIVES.contains(name)) {
                problem(at, "<#" + name + "> is not allowed in store templates");
            }
            code('>');
            if (!closing && name.equals("noparse")) {
                int end = src.toLowerCase(Locale.ROOT).indexOf("</#noparse", pos);
                pos = end < 0 ? src.length() : end;
            }
        }

        /** FTL expressions up to {@code terminator} outside brackets and strings. */
        private void code(char terminator) {
            int depth = 0;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (depth == 0 && c == terminator) {
                    pos++;
                    return;
                }
                if (startsWith("<#--")) {
                    skipPast("-->");
                } else if (c == '"' || c == '\'') {
                    string(false);
                } else if (Character.isDigit(c)) {
                    number();
                } else if (isIdentifierStart(c)) {
                    int start = pos;
                    while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                        pos++;
                    }
                    if (pos - start == 1 && c == 'r' && pos < src.length() && isQuote(src.charAt(pos))) {
                        string(true);
                    }
                } else if (c == '?') {
                    builtIn();
                } else {
                    if (c == '(' || c == '[' || c == '{') {
                        depth++;
                    } else if (c == ')' || c == ']' || c == '}') {
                        depth = Math.max(0, depth - 1);
                    }
                    pos++;
                }
            }
        }

        private void builtIn() {
            int at = pos;
            pos++;
            if (pos < src.length() && src.charAt(pos) == '?') {
                pos++; // the ?? operator
                return;
            }
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            if (pos > start) {
                String name = normalize(src.substring(start, pos));
                if (!BUILT_INS.contains(name)) {
                    problem(at, "?" + name + " is not allowed in store templates");
                }
            }
        }

        private void number() {
            int start = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
                pos++;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            }
            String literal = src.substring(start, pos);
            if (new BigDecimal(literal).compareTo(BigDecimal.valueOf(MAX_NUMBER)) > 0) {
                problem(start, "numbers above " + MAX_NUMBER + " are not allowed in store templates");
            }
        }

        /** A string literal; outside raw strings, {@code ${...}} inside it is code again. */
        private void string(boolean raw) {
            char quote = src.charAt(pos);
            pos++;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == quote) {
                    pos++;
                    return;
                }
                if (!raw && c == '\\') {
                    pos += 2;
                } else if (!raw && (startsWith("${") || startsWith("#{"))) {
                    pos += 2;
                    code('}');
                } else {
                    pos++;
                }
            }
        }

        private boolean startsWith(String token) {
            return src.startsWith(token, pos);
        }

        private void skipPast(String token) {
            int end = src.indexOf(token, pos);
            pos = end < 0 ? src.length() : end + token.length();
        }

        private void problem(int offset, String message) {
            problems.add(
                    positions
                            ? new TemplateProblem(field, line(offset), column(offset), message)
                            : new TemplateProblem(field, 0, 0, message));
        }

        private int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private int column(int offset) {
            return offset - src.lastIndexOf('\n', offset - 1);
        }

        private static boolean isQuote(char c) {
            return c == '"' || c == '\'';
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c == '$' || c == '@';
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
        }
    }
}
