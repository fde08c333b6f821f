package io.tdsproxy.testkit.sql;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the statements of {@link SessionCommand}. Anything not recognised goes to H2, so a
 * {@code SET @var = ...} (an H2 user variable) or an unknown construct still gets a real answer or
 * H2's error.
 */
public final class SessionCommands {
    private SessionCommands() {
    }

    /** The command {@code statement} is, or empty when H2 should run it. */
    public static Optional<SessionCommand> parse(String statement) {
        List<SqlToken> t = significant(SqlLexer.tokenize(statement));
        return parse(t, 0);
    }

    private static Optional<SessionCommand> parse(List<SqlToken> t, int at) {
        if (at >= t.size() || t.get(at).kind() != SqlToken.Kind.WORD) {
            return Optional.empty();
        }
        String first = t.get(at).upper();
        int rest = t.size() - at - 1;
        switch (first) {
            case "SET":
                return rest >= 1 && t.get(at + 1).kind() == SqlToken.Kind.WORD ? Optional.of(setOption(t, at + 1)) : Optional.empty();
            case "USE":
                return rest == 1 ? Optional.of(new SessionCommand.Use(identifier(t.get(at + 1)))) : Optional.empty();
            case "BEGIN":
                return rest >= 1 && isTranWord(t.get(at + 1)) && rest <= 2
                        ? Optional.of(new SessionCommand.BeginTransaction()) : Optional.empty();
            case "COMMIT":
                return rest == 0 || (isTranWord(t.get(at + 1)) && rest <= 2)
                        ? Optional.of(new SessionCommand.Commit()) : Optional.empty();
            case "ROLLBACK":
                return rest == 0 || (isTranWord(t.get(at + 1)) && rest <= 2)
                        ? Optional.of(new SessionCommand.Rollback()) : Optional.empty();
            case "IF":
                return ifTranCount(t, at + 1);
            case "WAITFOR":
                return waitFor(t, at + 1);
            case "EXEC":
            case "EXECUTE":
                return unprepare(t, at + 1);
            case "PRINT":
                return rest == 1 && t.get(at + 1).kind() == SqlToken.Kind.STRING
                        ? Optional.of(new SessionCommand.Print(TsqlTranslator.unquote(t.get(at + 1).text())))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static SessionCommand setOption(List<SqlToken> t, int at) {
        String option = t.get(at).upper();
        StringBuilder value = new StringBuilder();
        for (int i = at + 1; i < t.size(); i++) {
            if (value.length() > 0) {
                value.append(' ');
            }
            value.append(t.get(i).kind() == SqlToken.Kind.STRING ? TsqlTranslator.unquote(t.get(i).text()) : t.get(i).upper());
        }
        return new SessionCommand.SetOption(option, value.toString());
    }

    private static boolean isTranWord(SqlToken token) {
        return token.isWord("TRAN") || token.isWord("TRANSACTION") || token.isWord("WORK");
    }

    private static Optional<SessionCommand> ifTranCount(List<SqlToken> t, int at) {
        if (at + 2 >= t.size() || !"@@TRANCOUNT".equalsIgnoreCase(t.get(at).text())) {
            return Optional.empty();
        }
        int i = at + 1;
        StringBuilder op = new StringBuilder();
        while (i < t.size() && t.get(i).kind() == SqlToken.Kind.SYMBOL && "<>=!".contains(t.get(i).text())) {
            op.append(t.get(i).text());
            i++;
        }
        if (op.length() == 0 || i >= t.size() || t.get(i).kind() != SqlToken.Kind.NUMBER) {
            return Optional.empty();
        }
        int operand;
        try {
            operand = Integer.parseInt(t.get(i).text());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String operator = op.toString();
        if (!List.of(">", ">=", "<", "<=", "=", "<>", "!=").contains(operator)) {
            return Optional.empty();
        }
        return parse(t, i + 1).map(inner -> new SessionCommand.IfTranCount(operator, operand, inner));
    }

    private static Optional<SessionCommand> waitFor(List<SqlToken> t, int at) {
        if (at + 1 >= t.size() || !t.get(at).isWord("DELAY") || t.get(at + 1).kind() != SqlToken.Kind.STRING) {
            return Optional.empty();
        }
        try {
            LocalTime time = LocalTime.parse(TsqlTranslator.unquote(t.get(at + 1).text()).trim());
            return Optional.of(new SessionCommand.WaitFor(Duration.ofNanos(time.toNanoOfDay())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<SessionCommand> unprepare(List<SqlToken> t, int at) {
        if (at + 1 >= t.size() || !t.get(at).isWord("sp_unprepare") || t.get(at + 1).kind() != SqlToken.Kind.NUMBER) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionCommand.Unprepare(Integer.parseInt(t.get(at + 1).text())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String identifier(SqlToken token) {
        String text = token.text();
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER && text.length() >= 2) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static List<SqlToken> significant(List<SqlToken> tokens) {
        List<SqlToken> out = new ArrayList<>(tokens.size());
        for (SqlToken token : tokens) {
            if (!token.isTrivia() && !token.isSymbol(';')) {
                out.add(token);
            }
        }
        return out;
    }
}
