package io.tdsproxy.testkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits T-SQL text into {@link SqlToken}s. It knows exactly as much T-SQL as splitting a batch and
 * rewriting a few tokens needs: string literals ({@code ''} escapes, {@code N} prefix), bracketed and
 * double-quoted identifiers ({@code ]]} / {@code ""} escapes), line comments, nested block comments,
 * variables and parenthesis depth. Unterminated literals or comments run to the end of the text; the
 * database then reports the syntax error.
 */
public final class SqlLexer {
    private final String sql;
    private int pos;
    private int depth;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** All tokens of {@code sql}; concatenating their texts gives {@code sql} back. */
    public static List<SqlToken> tokenize(String sql) {
        return new SqlLexer(sql).run();
    }

    private List<SqlToken> run() {
        List<SqlToken> tokens = new ArrayList<>();
        while (pos < sql.length()) {
            tokens.add(next());
        }
        return tokens;
    }

    private SqlToken next() {
        int start = pos;
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            return token(SqlToken.Kind.WHITESPACE, start);
        }
        if (c == '-' && peek(1) == '-') {
            while (pos < sql.length() && sql.charAt(pos) != '\n') {
                pos++;
            }
            return token(SqlToken.Kind.COMMENT, start);
        }
        if (c == '/' && peek(1) == '*') {
            blockComment();
            return token(SqlToken.Kind.COMMENT, start);
        }
        if (c == '\'' || ((c == 'N' || c == 'n') && peek(1) == '\'')) {
            pos += c == '\'' ? 0 : 1;
            quoted('\'', '\'');
            return token(SqlToken.Kind.STRING, start);
        }
        if (c == '[') {
            quoted('[', ']');
            return token(SqlToken.Kind.QUOTED_IDENTIFIER, start);
        }
        if (c == '"') {
            quoted('"', '"');
            return token(SqlToken.Kind.QUOTED_IDENTIFIER, start);
        }
        if (c == '@') {
            pos++;
            if (peek(0) == '@') {
                pos++;
            }
            wordChars();
            return token(SqlToken.Kind.VARIABLE, start);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            number();
            return token(SqlToken.Kind.NUMBER, start);
        }
        if (isWordStart(c)) {
            wordChars();
            return token(SqlToken.Kind.WORD, start);
        }
        pos++;
        if (c == '(') {
            SqlToken open = new SqlToken(SqlToken.Kind.SYMBOL, "(", depth);
            depth++;
            return open;
        }
        if (c == ')' && depth > 0) {
            depth--;
        }
        return token(SqlToken.Kind.SYMBOL, start);
    }

    private SqlToken token(SqlToken.Kind kind, int start) {
        return new SqlToken(kind, sql.substring(start, pos), depth);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    /** Reads from the opening quote at {@code pos} to the closing one; a doubled closer is an escape. */
    private void quoted(char open, char close) {
        pos++; // the opening character
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == close) {
                if (peek(0) == close) {
                    pos++;
                } else {
                    return;
                }
            }
        }
    }

    private void blockComment() {
        int nesting = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                nesting++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                nesting--;
                pos += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void number() {
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            pos += 2;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
    }

    private void wordChars() {
        while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '#';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == '$';
    }
}
