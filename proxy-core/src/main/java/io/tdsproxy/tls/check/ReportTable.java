package io.tdsproxy.tls.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Report} as a fixed-width text table: verdict, requirement, detail, fix. Detail and
 * fix wrap at word boundaries inside their columns (a word longer than the column, such as a long
 * path, is cut), so every line of the table has the same layout and fits a 120-column terminal.
 */
public final class ReportTable {
    /** Column width of DETAIL in the default layout. */
    public static final int DETAIL_WIDTH = 45;
    /** Column width of FIX in the default layout. */
    public static final int FIX_WIDTH = 40;
    private static final String GAP = "  ";

    private final int detailWidth;
    private final int fixWidth;

    /** The default layout: at most 120 columns. */
    public ReportTable() {
        this(DETAIL_WIDTH, FIX_WIDTH);
    }

    /** A layout with other detail and fix widths (each at least 10). */
    public ReportTable(int detailWidth, int fixWidth) {
        if (detailWidth < 10 || fixWidth < 10) {
            throw new IllegalArgumentException("column widths below 10: " + detailWidth + ", " + fixWidth);
        }
        this.detailWidth = detailWidth;
        this.fixWidth = fixWidth;
    }

    /** The table, header and rule first, each line ending in a newline. */
    public String render(Report report) {
        int requirementWidth = "REQUIREMENT".length();
        for (Requirement r : Requirement.values()) {
            requirementWidth = Math.max(requirementWidth, r.title().length());
        }
        StringBuilder out = new StringBuilder();
        line(out, requirementWidth, "RESULT", "REQUIREMENT", "DETAIL", "FIX");
        line(out, requirementWidth, "-".repeat(6), "-".repeat(requirementWidth), "-".repeat(detailWidth), "-".repeat(fixWidth));
        for (CheckRow row : report.rows()) {
            List<String> detail = wrap(row.detail(), detailWidth);
            List<String> fix = wrap(row.fix(), fixWidth);
            int lines = Math.max(detail.size(), fix.size());
            for (int i = 0; i < lines; i++) {
                line(out, requirementWidth,
                        i == 0 ? row.verdict().name() : "",
                        i == 0 ? row.requirement().title() : "",
                        i < detail.size() ? detail.get(i) : "",
                        i < fix.size() ? fix.get(i) : "");
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, int requirementWidth, String verdict, String requirement, String detail, String fix) {
        StringBuilder line = new StringBuilder();
        line.append(pad(verdict, 6)).append(GAP).append(pad(requirement, requirementWidth)).append(GAP)
                .append(pad(detail, detailWidth)).append(GAP).append(fix);
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Greedy word wrap; never returns an empty list, so every row has at least one line. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            while (word.length() > width) {
                if (current.length() > 0) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (word.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        if (current.length() > 0 || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }
}
