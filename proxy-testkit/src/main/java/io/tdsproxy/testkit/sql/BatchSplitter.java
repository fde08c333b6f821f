package io.tdsproxy.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a T-SQL batch into single statements, because H2 runs one statement per
 * {@code execute}. T-SQL does not need separators, so besides {@code ;} and a line holding only
 * {@code GO} the splitter also starts a new statement where real clients rely on it:
 *
 * <ul>
 *   <li>before a top-level {@code SET} (jTDS sends {@code SELECT @@MAX_PRECISION\r\nSET ...}, tedious
 *       sends {@code set textsize ... set quoted_identifier on ...}), unless the statement so far is one
 *       where {@code SET} is part of the syntax ({@code UPDATE}, {@code MERGE}, {@code ALTER}, ...);</li>
 *   <li>after a {@code SET} statement, before a top-level statement keyword ({@code SELECT}, {@code IF}, ...);</li>
 *   <li>before a top-level {@code SELECT} that follows a complete {@code SELECT} ({@code SELECT 1 SELECT 2}),
 *       except after {@code UNION}/{@code ALL}/{@code EXCEPT}/{@code INTERSECT}.</li>
 * </ul>
 * Keywords inside string literals, quoted identifiers, comments and parentheses never split.
 */
public final class BatchSplitter {
    /** Statements in which a top-level SET belongs to the statement itself. */
    private static final Set<String> SET_IS_SYNTAX = Set.of(
            "UPDATE", "MERGE", "ALTER", "CREATE", "INSERT", "DELETE", "WITH", "GRANT", "DENY", "REVOKE");
    /** Keywords that start a statement after a SET statement. */
    private static final Set<String> STATEMENT_START = Set.of(
            "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "EXEC", "EXECUTE", "USE", "IF", "BEGIN",
            "COMMIT", "ROLLBACK", "DECLARE", "CREATE", "DROP", "ALTER", "TRUNCATE", "PRINT", "WAITFOR", "WITH");
    /** Words after which a SELECT continues the current statement. */
    private static final Set<String> SELECT_CONTINUES = Set.of("UNION", "ALL", "EXCEPT", "INTERSECT");

    private BatchSplitter() {
    }

    /** The statements of {@code batch}, each trimmed, comment-only pieces dropped. */
    public static List<String> split(String batch) {
        List<SqlToken> tokens = SqlLexer.tokenize(batch);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String first = null;
        String previousWord = null;
        boolean significant = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean topLevel = t.depth() == 0;
            if (topLevel && (t.isSymbol(';') || isGo(tokens, i))) {
                flush(current, significant, statements);
                current.setLength(0);
                first = null;
                previousWord = null;
                significant = false;
                continue;
            }
            if (topLevel && t.kind() == SqlToken.Kind.WORD && first != null
                    && startsNewStatement(first, previousWord, t.upper())) {
                flush(current, significant, statements);
                current.setLength(0);
                first = null;
                significant = false;
            }
            current.append(t.text());
            if (!t.isTrivia()) {
                significant = true;
                if (first == null) {
                    first = t.kind() == SqlToken.Kind.WORD ? t.upper() : t.text();
                }
                previousWord = t.kind() == SqlToken.Kind.WORD ? t.upper() : t.text();
            }
        }
        flush(current, significant, statements);
        return statements;
    }

    private static boolean startsNewStatement(String first, String previousWord, String word) {
        if (word.equals("SET")) {
            // "ON DELETE SET NULL" / "ON UPDATE SET DEFAULT" inside table definitions
            return !SET_IS_SYNTAX.contains(first)
                    && !"UPDATE".equals(previousWord) && !"DELETE".equals(previousWord);
        }
        if (first.equals("SET")) {
            return STATEMENT_START.contains(word);
        }
        if (first.equals("SELECT") && word.equals("SELECT")) {
            return previousWord != null && !SELECT_CONTINUES.contains(previousWord) && !previousWord.equals("(");
        }
        return false;
    }

    /** {@code GO} alone on its line (the batch separator of sqlcmd-style tools). */
    private static boolean isGo(List<SqlToken> tokens, int i) {
        if (!tokens.get(i).isWord("GO")) {
            return false;
        }
        boolean lineStart = i == 0 || endsLine(tokens.get(i - 1));
        boolean lineEnd = i == tokens.size() - 1 || endsLine(tokens.get(i + 1));
        return lineStart && lineEnd;
    }

    private static boolean endsLine(SqlToken t) {
        return t.kind() == SqlToken.Kind.WHITESPACE && t.text().indexOf('\n') >= 0;
    }

    private static void flush(StringBuilder current, boolean significant, List<String> out) {
        if (significant) {
            out.add(current.toString().trim());
        }
    }
}
