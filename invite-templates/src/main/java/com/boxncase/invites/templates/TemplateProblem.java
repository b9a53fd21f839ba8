package com.boxncase.invites.templates;

/**
 * Why a candidate template was refused.
 *
 * @param field {@code subject}, {@code html} or {@code text}
 * @param line 1-based line in that field's source, or 0 when unknown
 * @param column 1-based column in that field's source, or 0 when unknown
 */
public record TemplateProblem(String field, int line, int column, String message) {

    @Override
    public String toString() {
        return field + " line " + line + ", column " + column + ": " + message;
    }
}
