package io.tdsproxy.testkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the {@code @params} string of {@code sp_executesql}, {@code sp_prepare} and
 * {@code sp_prepexec}, e.g. {@code @P1 nvarchar(4000)} or {@code @P2 int OUTPUT}.
 *
 * @param name   the name with its {@code @}
 * @param type   the declared T-SQL type as written (kept for diagnostics; values carry their own TYPE_INFO)
 * @param output whether the parameter is declared OUT/OUTPUT
 */
public record ParameterDeclaration(String name, String type, boolean output) {

    /**
     * Parses a declaration list; an empty or blank string has no parameters.
     *
     * @throws IllegalArgumentException when an entry does not start with an {@code @name}
     */
    public static List<ParameterDeclaration> parseList(String declarations) {
        List<ParameterDeclaration> out = new ArrayList<>();
        if (declarations == null || declarations.isBlank()) {
            return out;
        }
        List<List<SqlToken>> entries = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokenize(declarations)) {
            if (t.depth() == 0 && t.isSymbol(',')) {
                entries.add(current);
                current = new ArrayList<>();
            } else if (!t.isTrivia()) {
                current.add(t);
            }
        }
        entries.add(current);
        for (List<SqlToken> entry : entries) {
            if (entry.isEmpty() || entry.get(0).kind() != SqlToken.Kind.VARIABLE) {
                throw new IllegalArgumentException("parameter declaration without @name: " + declarations);
            }
            int end = entry.size();
            boolean output = false;
            SqlToken last = entry.get(end - 1);
            if (end > 1 && (last.isWord("OUTPUT") || last.isWord("OUT"))) {
                output = true;
                end--;
            }
            StringBuilder type = new StringBuilder();
            for (int i = 1; i < end; i++) {
                type.append(entry.get(i).text());
                if (entry.get(i).kind() == SqlToken.Kind.WORD && i + 1 < end && entry.get(i + 1).kind() == SqlToken.Kind.WORD) {
                    type.append(' ');
                }
            }
            out.add(new ParameterDeclaration(entry.get(0).text(), type.toString(), output));
        }
        return out;
    }
}
