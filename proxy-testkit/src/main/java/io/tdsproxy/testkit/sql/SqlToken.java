package io.tdsproxy.testkit.sql;

import java.util.Locale;

/**
 * One lexical token of a T-SQL text, kept as the exact characters it was read from so that a
 * translated statement is the original text with only the rewritten tokens changed.
 *
 * @param kind  what the characters are
 * @param text  the characters exactly as written (quotes and prefixes included)
 * @param depth parenthesis depth at the token (0 = top level); an opening parenthesis has the depth
 *              outside it
 */
public record SqlToken(Kind kind, String text, int depth) {

    /** Token classes that matter for splitting and rewriting. */
    public enum Kind {
        /** Unquoted identifier or keyword. */
        WORD,
        /** {@code @name} (local variable or parameter) or {@code @@name} (system function). */
        VARIABLE,
        /** {@code '...'} or {@code N'...'}, doubled quotes inside. */
        STRING,
        /** {@code [...]} or {@code "..."}. */
        QUOTED_IDENTIFIER,
        /** Digits, optionally with a fraction or exponent. */
        NUMBER,
        /** Spaces, tabs, line breaks. */
        WHITESPACE,
        /** {@code -- ...} to the end of the line, or a (nestable) {@code /* ... *}{@code /}. */
        COMMENT,
        /** Any other single character: operators, parentheses, commas, semicolons. */
        SYMBOL
    }

    /** True for a WORD equal to {@code keyword}, ignoring case. */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** True for a SYMBOL consisting of exactly {@code c}. */
    public boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /** True for whitespace and comments, which never change meaning. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    /** The upper-cased text of a WORD or VARIABLE, for keyword comparison. */
    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
