package io.tdsproxy.tds.types;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Maps a collation to the Windows code page of its single-byte data. SQL collations (SortId
 * non-zero) carry the code page in the sort id; Windows collations (SortId 0) in the primary
 * language of the LCID. Only the common code pages are listed; anything else falls back to
 * windows-1252, the code page of the server default collation, and that is documented rather than
 * guessed further.
 */
final class CollationCharsets {
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    private CollationCharsets() {
    }

    static Charset forCollation(int sortId, int lcid) {
        int codePage = sortId != 0 ? bySortId(sortId) : byLanguage(lcid & 0x3FF);
        return codePage == 0 ? FALLBACK : charset(codePage);
    }

    /** SQL Server sort order ids grouped by code page (sys.fn_helpcollations, SQL_* collations). */
    private static int bySortId(int sortId) {
        if (sortId >= 30 && sortId <= 34) {
            return 437;
        }
        if (sortId >= 40 && sortId <= 61) {
            return sortId <= 49 ? 850 : 1252;
        }
        if (sortId >= 80 && sortId <= 96) {
            return 1250;
        }
        if (sortId >= 104 && sortId <= 108) {
            return 1251;
        }
        if (sortId >= 112 && sortId <= 124) {
            return 1253;
        }
        if (sortId >= 128 && sortId <= 130) {
            return 1254;
        }
        if (sortId >= 136 && sortId <= 138) {
            return 1255;
        }
        if (sortId >= 144 && sortId <= 146) {
            return 1256;
        }
        if (sortId >= 152 && sortId <= 160) {
            return 1257;
        }
        if (sortId >= 183 && sortId <= 186) {
            return 1252;
        }
        return 0;
    }

    /** Primary language id (low 10 bits of the LCID) to its ANSI code page. */
    private static int byLanguage(int primaryLanguage) {
        switch (primaryLanguage) {
            case 0x05: case 0x0E: case 0x15: case 0x18: case 0x1A: case 0x1B: case 0x1C: case 0x24:
                return 1250;
            case 0x02: case 0x19: case 0x22: case 0x23: case 0x2F:
                return 1251;
            case 0x08:
                return 1253;
            case 0x1F:
                return 1254;
            case 0x0D:
                return 1255;
            case 0x01: case 0x20: case 0x29:
                return 1256;
            case 0x25: case 0x26: case 0x27:
                return 1257;
            case 0x2A:
                return 1258;
            case 0x1E:
                return 874;
            case 0x11:
                return 932;
            case 0x04:
                return 936;
            case 0x12:
                return 949;
            default:
                return 1252;
        }
    }

    private static Charset charset(int codePage) {
        String name;
        switch (codePage) {
            case 437: name = "IBM437"; break;
            case 850: name = "IBM850"; break;
            case 874: name = "x-windows-874"; break;
            case 932: name = "windows-31j"; break;
            case 936: name = "GBK"; break;
            case 949: name = "x-windows-949"; break;
            default: name = "windows-" + codePage; break;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return FALLBACK;
        }
    }
}
