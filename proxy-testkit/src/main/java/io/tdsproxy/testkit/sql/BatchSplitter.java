package io.tdsproxy.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a T-SQL batch into single statements, because H2 runs one statement per
 * {@code execute}. Statements end at a top-level {@code ;} or a line holding only {@code GO}, and,
 * because T-SQL needs no separators and drivers rely on that, where a new statement visibly begins:
 *
 * <ul>
 *   <li>jTDS sends {@code SELECT @@MAX_PRECISION\r\nSET ...} and joins {@code Statement.addBatch}
 *       texts with spaces; tedious sends {@code set textsize ... set quoted_identifier on ...};
 *       mssql-jdbc appends {@code select SCOPE_IDENTITY() AS GENERATED_KEYS} to an INSERT.</li>
 *   <li>So a top-level statement keyword ({@code SELECT}, {@code INSERT}, {@code UPDATE},
 *       {@code DELETE}, {@code SET}, {@code EXEC}, {@code IF}, ...) starts a new statement, except
 *       where it belongs to the current one: {@code SET} in {@code UPDATE}, {@code SELECT} or
 *       {@code EXEC} in an {@code INSERT} before its {@code VALUES}, {@code SELECT} after
 *       {@code UNION}/{@code ALL}/{@code EXCEPT}/{@code INTERSECT}, anything after {@code FOR}
 *       ({@code FOR UPDATE}, cursors), {@code IF} after {@code TABLE} ({@code DROP TABLE IF EXISTS}),
 *       {@code ON DELETE SET NULL}. The inner statement of {@code IF @@TRANCOUNT > 0 COMMIT TRAN}
 *       stays with its {@code IF}.</li>
 *   <li>{@code CREATE}, {@code ALTER}, {@code MERGE}, {@code WITH} and {@code GRANT}-style statements
 *       are never split inside: their bodies legitimately contain such keywords.</li>
 * </ul>
 * Keywords inside string literals, quoted identifiers, comments and parentheses never split.
 */
public final class BatchSplitter {
    /** Keywords that can begin a statement. */
    private static final Set<String> STATEMENT_START = Set.of(
            "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "EXEC", "EXECUTE", "USE", "IF", "BEGIN", "COMMIT",
            "ROLLBACK", "DECLARE", "CREATE", "DROP", "ALTER", "TRUNCATE", "PRINT", "WAITFOR", "SET");
    /** Statements whose bodies are never split (only by ; or GO). */
    private static final Set<String> NEVER_SPLIT = Set.of(
            "CREATE", "ALTER", "MERGE", "WITH", "GRANT", "DENY", "REVOKE");
    /** Words after which a SELECT continues the current statement. */
    private static final Set<String> SELECT_CONTINUES = Set.of("UNION", "ALL", "EXCEPT", "INTERSECT");
    /** Object words after which IF belongs to {@code IF [NOT] EXISTS}. */
    private static final Set<String> IF_EXISTS_OBJECTS = Set.of(
            "TABLE", "VIEW", "INDEX", "SCHEMA", "SEQUENCE", "TRIGGER", "ALIAS", "DOMAIN", "SYNONYM", "CONSTANT",
            "ROLE", "USER", "PROCEDURE", "PROC", "FUNCTION", "DATABASE", "CONSTRAINT", "COLUMN", "TYPE");

    private BatchSplitter() {
    }

    /** The statements of {@code batch}, each trimmed, comment-only pieces dropped. */
    public static List<String> split(String batch) {
        List<SqlToken> tokens = SqlLexer.tokenize(batch);
        List<String> statements = new ArrayList<>();
        Statement current = new Statement();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean topLevel = t.depth() == 0;
            if (topLevel && (t.isSymbol(';') || isGo(tokens, i))) {
                current.flushTo(statements);
                current = new Statement();
                continue;
            }
            if (topLevel && t.kind() == SqlToken.Kind.WORD && current.first != null
                    && STATEMENT_START.contains(t.upper()) && current.endsBefore(t.upper())) {
                current.flushTo(statements);
                current = new Statement();
            }
            current.add(t, topLevel);
        }
        current.flushTo(statements);
        return statements;
    }

    /** The statement being collected and what the split rules need to know about it. */
    private static final class Statement {
        private final StringBuilder text = new StringBuilder();
        private String first;
        private String previousWord;
        private boolean sawValues;
        private boolean sawSelect;

        void add(SqlToken t, boolean topLevel) {
            text.append(t.text());
            if (t.isTrivia()) {
                return;
            }
            String word = t.kind() == SqlToken.Kind.WORD ? t.upper() : t.text();
            if (first == null) {
                first = word;
            }
            if (topLevel && (word.equals("VALUES") || word.equals("DEFAULT"))) {
                sawValues = true;
            }
            if (topLevel && word.equals("SELECT")) {
                sawSelect = true;
            }
            previousWord = word;
        }

        /** Whether the top-level keyword {@code word} begins the next statement. */
        boolean endsBefore(String word) {
            if (NEVER_SPLIT.contains(first) || "FOR".equals(previousWord)) {
                return false;
            }
            if (word.equals("IF") && IF_EXISTS_OBJECTS.contains(previousWord)) {
                return false;
            }
            switch (first) {
                case "IF":
                    // IF @@TRANCOUNT > 0 COMMIT TRAN: the inner statement belongs to the IF
                    return word.equals("SET");
                case "UPDATE":
                    return !word.equals("SET");
                case "INSERT":
                    if (word.equals("SELECT")) {
                        return sawValues;
                    }
                    if (word.equals("EXEC") || word.equals("EXECUTE")) {
                        return sawValues || sawSelect;
                    }
                    return true;
                case "SELECT":
                    return !word.equals("SELECT") || !SELECT_CONTINUES.contains(previousWord);
                default:
                    // "ON DELETE SET NULL" and "ON UPDATE SET DEFAULT" only occur in CREATE/ALTER
                    return !(word.equals("SET") && ("UPDATE".equals(previousWord) || "DELETE".equals(previousWord)));
            }
        }

        void flushTo(List<String> out) {
            if (first != null) {
                out.add(text.toString().trim());
            }
        }
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
}
