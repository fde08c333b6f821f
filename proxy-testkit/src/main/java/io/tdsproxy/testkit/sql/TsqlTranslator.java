package io.tdsproxy.testkit.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rewrites the T-SQL bits that H2's MSSQLServer mode lacks into SQL H2 runs, token by token so that
 * string literals and identifiers are never touched:
 *
 * <ul>
 *   <li>{@code @@VERSION}, {@code @@SPID}, {@code @@TRANCOUNT}, {@code @@MAX_PRECISION}, {@code @@SERVERNAME},
 *       {@code @@LANGUAGE}, {@code @@ROWCOUNT}, ... become literals ({@code @@IDENTITY} becomes
 *       {@code SCOPE_IDENTITY()});</li>
 *   <li>{@code DB_NAME()}, {@code SCHEMA_NAME()}, {@code USER_NAME()}, {@code SUSER_SNAME()}, {@code HOST_NAME()},
 *       {@code APP_NAME()}, {@code DB_ID()} become literals, {@code SYSDATETIME()} becomes {@code LOCALTIMESTAMP(7)};</li>
 *   <li>{@code SERVERPROPERTY('name')} becomes the literal value of that property (NULL when unknown);</li>
 *   <li>for parameterised statements (RPC), each {@code @name} of a declared parameter becomes {@code ?} and
 *       its name is recorded in bind order (a parameter used twice is bound twice).</li>
 * </ul>
 * Everything else H2 already accepts in MSSQLServer mode: {@code TOP n}, {@code [x]}, {@code N'..'},
 * {@code NVARCHAR(MAX)}, {@code NEWID()}, {@code GETDATE()}, {@code ISNULL}, {@code LEN}, {@code +} on strings.
 */
public final class TsqlTranslator {
    private static final Map<String, String> PROPERTIES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        PROPERTIES.put("ProductVersion", quote(ServerIdentity.PRODUCT_VERSION));
        PROPERTIES.put("ProductMajorVersion", quote(Integer.toString(ServerIdentity.MAJOR)));
        PROPERTIES.put("ProductMinorVersion", quote(Integer.toString(ServerIdentity.MINOR)));
        PROPERTIES.put("ProductBuild", quote(Integer.toString(ServerIdentity.BUILD)));
        PROPERTIES.put("ProductLevel", quote("RTM"));
        PROPERTIES.put("Edition", quote("Developer Edition (64-bit)"));
        PROPERTIES.put("EngineEdition", "3");
        PROPERTIES.put("EditionID", "-2117995310");
        PROPERTIES.put("ServerName", quote(ServerIdentity.SERVER_NAME));
        PROPERTIES.put("MachineName", quote(ServerIdentity.SERVER_NAME));
        PROPERTIES.put("Collation", quote(ServerIdentity.COLLATION));
        PROPERTIES.put("IsClustered", "0");
        PROPERTIES.put("IsHadrEnabled", "0");
        PROPERTIES.put("IsFullTextInstalled", "0");
        PROPERTIES.put("IsIntegratedSecurityOnly", "0");
        PROPERTIES.put("IsSingleUser", "0");
        PROPERTIES.put("IsLocalDB", "0");
        PROPERTIES.put("IsXTPSupported", "0");
        PROPERTIES.put("LCID", "1033");
        PROPERTIES.put("SqlCharSet", "1");
        PROPERTIES.put("SqlCharSetName", quote("iso_1"));
        PROPERTIES.put("SqlSortOrder", "52");
        PROPERTIES.put("SqlSortOrderName", quote("nocase_iso"));
    }

    private TsqlTranslator() {
    }

    /** A translated statement and, for RPC, the parameter names in the order of their {@code ?}. */
    public record Translated(String sql, List<String> bindOrder) {
        public Translated {
            bindOrder = List.copyOf(bindOrder);
        }
    }

    /** Translates a statement that has no parameters. */
    public static String translate(String statement, SessionInfo session) {
        return translate(statement, session, Set.of()).sql();
    }

    /**
     * Translates a statement whose {@code @name} parameters (case-insensitive, with the {@code @})
     * are bound positionally.
     */
    public static Translated translate(String statement, SessionInfo session, Collection<String> parameters) {
        Set<String> params = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        params.addAll(parameters);
        List<SqlToken> tokens = SqlLexer.tokenize(statement);
        StringBuilder out = new StringBuilder(statement.length() + 16);
        List<String> bindOrder = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.kind() == SqlToken.Kind.VARIABLE) {
                if (t.text().startsWith("@@")) {
                    String value = systemVariable(t.upper().substring(2), session);
                    out.append(value != null ? value : t.text());
                } else if (params.contains(t.text())) {
                    out.append('?');
                    bindOrder.add(t.text());
                } else {
                    out.append(t.text());
                }
                continue;
            }
            if (t.kind() == SqlToken.Kind.WORD) {
                int close = zeroArgCallEnd(tokens, i);
                String value = close > 0 ? niladic(t.upper(), session) : null;
                if (value != null) {
                    out.append(value);
                    i = close;
                    continue;
                }
                int propEnd = t.isWord("SERVERPROPERTY") ? singleStringArgEnd(tokens, i) : -1;
                if (propEnd > 0) {
                    out.append(serverProperty(stringArg(tokens, i)));
                    i = propEnd;
                    continue;
                }
            }
            out.append(t.text());
        }
        return new Translated(out.toString(), bindOrder);
    }

    private static String systemVariable(String name, SessionInfo s) {
        switch (name) {
            case "VERSION": return quote(ServerIdentity.VERSION_TEXT);
            case "SPID": return Integer.toString(s.spid());
            case "TRANCOUNT": return Integer.toString(s.tranCount());
            case "MAX_PRECISION": return "38";
            case "SERVERNAME": return quote(ServerIdentity.SERVER_NAME);
            case "SERVICENAME": return quote("MSSQLSERVER");
            case "LANGUAGE": return quote("us_english");
            case "LANGID": return "0";
            case "IDENTITY": return "SCOPE_IDENTITY()";
            case "ROWCOUNT": return Long.toString(s.lastRowCount());
            case "ERROR": return "0";
            case "TEXTSIZE": return "2147483647";
            case "LOCK_TIMEOUT": return "-1";
            case "DATEFIRST": return "7";
            case "NESTLEVEL": return "0";
            case "OPTIONS": return "5496";
            case "MICROSOFTVERSION":
                return Integer.toString((ServerIdentity.MAJOR << 24) | (ServerIdentity.MINOR << 16) | ServerIdentity.BUILD);
            default: return null;
        }
    }

    private static String niladic(String name, SessionInfo s) {
        switch (name) {
            case "DB_NAME": return quote(s.database());
            case "DB_ID": return "1";
            case "SCHEMA_NAME": return quote("dbo");
            case "USER_NAME": return quote("dbo");
            case "SUSER_NAME":
            case "SUSER_SNAME":
            case "ORIGINAL_LOGIN":
                return quote(s.login());
            case "HOST_NAME": return quote(s.hostName());
            case "APP_NAME": return quote(s.appName());
            case "SYSDATETIME": return "LOCALTIMESTAMP(7)";
            default: return null;
        }
    }

    private static String serverProperty(String property) {
        String value = PROPERTIES.get(property);
        return value != null ? value : "NULL";
    }

    /** Index of the closing parenthesis when tokens[i] is followed by {@code ( )}, else -1. */
    private static int zeroArgCallEnd(List<SqlToken> tokens, int i) {
        int open = nextSignificant(tokens, i + 1);
        if (open < 0 || !tokens.get(open).isSymbol('(')) {
            return -1;
        }
        int close = nextSignificant(tokens, open + 1);
        return close >= 0 && tokens.get(close).isSymbol(')') ? close : -1;
    }

    /** Index of the closing parenthesis when tokens[i] is followed by {@code ('literal')}, else -1. */
    private static int singleStringArgEnd(List<SqlToken> tokens, int i) {
        int open = nextSignificant(tokens, i + 1);
        if (open < 0 || !tokens.get(open).isSymbol('(')) {
            return -1;
        }
        int arg = nextSignificant(tokens, open + 1);
        if (arg < 0 || tokens.get(arg).kind() != SqlToken.Kind.STRING) {
            return -1;
        }
        int close = nextSignificant(tokens, arg + 1);
        return close >= 0 && tokens.get(close).isSymbol(')') ? close : -1;
    }

    private static String stringArg(List<SqlToken> tokens, int i) {
        int open = nextSignificant(tokens, i + 1);
        return unquote(tokens.get(nextSignificant(tokens, open + 1)).text());
    }

    static int nextSignificant(List<SqlToken> tokens, int from) {
        for (int j = from; j < tokens.size(); j++) {
            if (!tokens.get(j).isTrivia()) {
                return j;
            }
        }
        return -1;
    }

    /** The value of a {@code '...'} or {@code N'...'} literal. */
    public static String unquote(String literal) {
        String body = literal.startsWith("N") || literal.startsWith("n") ? literal.substring(1) : literal;
        if (body.length() >= 2 && body.endsWith("'")) {
            body = body.substring(1, body.length() - 1);
        } else if (body.startsWith("'")) {
            body = body.substring(1);
        }
        return body.replace("''", "'");
    }

    /** An {@code N'...'} literal for {@code value}. */
    public static String quote(String value) {
        return value == null ? "NULL" : "N'" + value.replace("'", "''") + "'";
    }

    /** Upper-case helper shared by the command parser. */
    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
