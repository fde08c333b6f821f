package io.tdsproxy.server.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name an operator probably meant when a key or section name is unknown.
 * Distance is the optimal-string-alignment edit distance (insert, delete, replace, or swap two
 * neighbouring letters, each costing 1), so {@code tlscret} is one step from {@code tlscert}.
 */
final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code word}, if close enough to be a typo: at most a third of the
     * word's length away (at least 1, at most 3), ties broken by the candidates' order.
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String folded = word.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, folded.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(folded, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code "; did you mean X?"}, or an empty string when nothing is close. */
    static String suffix(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean " + c + "?").orElse("");
    }

    /** Optimal-string-alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
