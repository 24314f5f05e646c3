package dev.draehi.sync.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logseq's journal date formats ({@code MMM do, yyyy}, {@code yyyy_MM_dd}, {@code EEEE, MM/dd/yyyy}
 * …): formatting and lenient, case-insensitive parsing. Supported tokens: {@code yyyy yy M MM MMM
 * MMMM d dd do E EE EEE EEEE}, {@code 'quoted'} literals; anything else is literal.
 */
public final class JournalDates {
    /** The title formats every graph recognises besides its own. */
    public static final List<String> BUILT_IN_TITLE_FORMATS =
            List.of("MMM do, yyyy", "yyyy-MM-dd", "yyyy_MM_dd");

    /** The default {@code :journal/file-name-format}. */
    public static final String DEFAULT_FILE_NAME_FORMAT = "yyyy_MM_dd";

    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    private static final String[] DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };
    private static final ConcurrentHashMap<String, List<String>> TOKENS = new ConcurrentHashMap<>();

    private JournalDates() {}

    /** The {@code yyyyMMdd} int Logseq stores as {@code :block/journal-day}. */
    public static int journalDay(LocalDate date) {
        return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /** {@code date} written in {@code pattern}. */
    public static String format(LocalDate date, String pattern) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens(pattern)) {
            switch (t) {
                case "yyyy", "y", "yyy" -> sb.append(String.format("%04d", date.getYear()));
                case "yy" -> sb.append(String.format("%02d", date.getYear() % 100));
                case "M" -> sb.append(date.getMonthValue());
                case "MM" -> sb.append(String.format("%02d", date.getMonthValue()));
                case "MMM" -> sb.append(MONTHS[date.getMonthValue() - 1], 0, 3);
                case "MMMM" -> sb.append(MONTHS[date.getMonthValue() - 1]);
                case "d" -> sb.append(date.getDayOfMonth());
                case "dd" -> sb.append(String.format("%02d", date.getDayOfMonth()));
                case "do" -> sb.append(date.getDayOfMonth()).append(ordinal(date.getDayOfMonth()));
                case "E", "EE", "EEE" -> sb.append(DAYS[date.getDayOfWeek().getValue() - 1], 0, 3);
                case "EEEE" -> sb.append(DAYS[date.getDayOfWeek().getValue() - 1]);
                default -> sb.append(t, 1, t.length()); // literal, marked with a leading quote
            }
        }
        return sb.toString();
    }

    /** Parses {@code text} in {@code pattern}, ignoring case; empty when it does not match. */
    public static Optional<LocalDate> parse(String text, String pattern) {
        String s = text.strip();
        int pos = 0;
        int year = -1;
        int month = -1;
        int day = -1;
        for (String t : tokens(pattern)) {
            switch (t) {
                case "yyyy", "y", "yyy" -> {
                    int end = digits(s, pos, 4, 4);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    year = Integer.parseInt(s.substring(pos, end));
                    pos = end;
                }
                case "yy" -> {
                    int end = digits(s, pos, 2, 2);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    year = 2000 + Integer.parseInt(s.substring(pos, end));
                    pos = end;
                }
                case "M", "MM", "d", "dd", "do" -> {
                    int end = digits(s, pos, 1, 2);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    int v = Integer.parseInt(s.substring(pos, end));
                    pos = end;
                    if (t.startsWith("M")) {
                        month = v;
                    } else {
                        day = v;
                    }
                    if (t.equals("do")) {
                        if (pos + 2 > s.length()) {
                            return Optional.empty();
                        }
                        String suffix = s.substring(pos, pos + 2).toLowerCase(Locale.ROOT);
                        if (!suffix.equals("st")
                                && !suffix.equals("nd")
                                && !suffix.equals("rd")
                                && !suffix.equals("th")) {
                            return Optional.empty();
                        }
                        pos += 2;
                    }
                }
                case "MMM", "MMMM" -> {
                    int found = -1;
                    for (int m = 0; m < 12 && found < 0; m++) {
                        String name = t.length() == 3 ? MONTHS[m].substring(0, 3) : MONTHS[m];
                        if (s.regionMatches(true, pos, name, 0, name.length())) {
                            found = m;
                            pos += name.length();
                        }
                    }
                    if (found < 0) {
                        return Optional.empty();
                    }
                    month = found + 1;
                }
                case "E", "EE", "EEE", "EEEE" -> {
                    boolean ok = false;
                    for (int d = 0; d < 7 && !ok; d++) {
                        String name = t.length() == 4 ? DAYS[d] : DAYS[d].substring(0, 3);
                        if (s.regionMatches(true, pos, name, 0, name.length())) {
                            ok = true;
                            pos += name.length();
                        }
                    }
                    if (!ok) {
                        return Optional.empty();
                    }
                }
                default -> {
                    String lit = t.substring(1);
                    if (!s.regionMatches(true, pos, lit, 0, lit.length())) {
                        return Optional.empty();
                    }
                    pos += lit.length();
                }
            }
        }
        if (pos != s.length() || year < 0 || month < 0 || day < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The date a page title names, trying the graph's title format and then Logseq's built-in ones.
     */
    public static Optional<LocalDate> parseTitle(String title, String graphTitleFormat) {
        if (title.isEmpty() || title.length() > 64 || !containsDigit(title)) {
            return Optional.empty();
        }
        Optional<LocalDate> d = parse(title, graphTitleFormat);
        for (int i = 0; d.isEmpty() && i < BUILT_IN_TITLE_FORMATS.size(); i++) {
            d = parse(title, BUILT_IN_TITLE_FORMATS.get(i));
        }
        return d;
    }

    private static boolean containsDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static int digits(String s, int pos, int min, int max) {
        int end = pos;
        while (end < s.length() && end - pos < max && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end - pos >= min ? end : -1;
    }

    /** Pattern tokens; literals are returned with a leading {@code '} so they never clash. */
    private static List<String> tokens(String pattern) {
        return TOKENS.computeIfAbsent(pattern, JournalDates::tokenize);
    }

    private static List<String> tokenize(String p) {
        List<String> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\'') {
                int end = p.indexOf('\'', i + 1);
                if (end < 0) {
                    end = p.length();
                }
                lit.append(p, i + 1, end);
                i = end + 1;
            } else if (c == 'y' || c == 'M' || c == 'd' || c == 'E') {
                int j = i;
                while (j < p.length() && p.charAt(j) == c) {
                    j++;
                }
                String run = p.substring(i, j);
                if (c == 'd' && j < p.length() && p.charAt(j) == 'o' && run.length() <= 2) {
                    run = "do";
                    j++;
                }
                if (lit.length() > 0) {
                    out.add("'" + lit);
                    lit.setLength(0);
                }
                out.add(run);
                i = j;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            out.add("'" + lit);
        }
        return List.copyOf(out);
    }
}
