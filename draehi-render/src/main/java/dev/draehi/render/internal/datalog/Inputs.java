package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logseq's {@code :inputs} keywords: {@code :today}, {@code :yesterday}, {@code :tomorrow} and
 * relative days such as {@code :-7d}, {@code :+2w}, {@code :7d-before} as {@code yyyyMMdd} numbers;
 * {@code :right-now-ms}, {@code :start-of-today-ms}, {@code :-1d-ms}, {@code :today-1200} as epoch
 * milliseconds; {@code :current-page} and {@code :query-page} as the page name; {@code
 * :current-block} and {@code :parent-block} as entities. A string {@code "[[x]]"} is the page name
 * {@code x}. Anything else is passed as it is, as Logseq does.
 */
final class Inputs {
    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,6})([dwmy])");
    private static final Pattern RELATIVE_TIME =
            Pattern.compile("([+-])(\\d{1,6})([dwmy])-(ms|start|end|\\d{2}|\\d{4}|\\d{6}|\\d{9})");
    private static final Pattern TODAY_TIME =
            Pattern.compile("today-(start|end|\\d{2}|\\d{4}|\\d{6}|\\d{9})");
    private static final Pattern OLD_RELATIVE =
            Pattern.compile("(\\d{1,6})d(-before|-after|-before-ms|-after-ms)?");

    private Inputs() {}

    /** Where a query runs: its page and block, and the moment of the sync. */
    record Place(int page, int block, ZonedDateTime now) {}

    static Object resolve(Object input, Place place, Facts facts) {
        if (input instanceof String s && s.startsWith("[[") && s.endsWith("]]") && s.length() > 4) {
            return s.substring(2, s.length() - 2).strip().toLowerCase(java.util.Locale.ROOT);
        }
        if (!(input instanceof Keyword k) || k.ns() != null) {
            return input;
        }
        LocalDate today = place.now().toLocalDate();
        String name = k.name();
        switch (name) {
            case "today":
                return day(today);
            case "yesterday":
                return day(today.minusDays(1));
            case "tomorrow":
                return day(today.plusDays(1));
            case "right-now-ms":
                return place.now().toInstant().toEpochMilli();
            case "start-of-today-ms":
                return millis(today, "start", place);
            case "end-of-today-ms":
                return millis(today, "end", place);
            case "current-page":
                return place.page() < 0 ? input : facts.values(place.page(), Facts.NAME).get(0);
            case "query-page":
                {
                    // the page of the query's block, which an embed shows on another page
                    int page = place.block() < 0 ? place.page() : facts.pageOf(place.block());
                    return page < 0 ? input : facts.values(page, Facts.NAME).get(0);
                }
            case "current-block":
                return place.block() < 0 ? input : facts.eid(place.block());
            case "parent-block":
                {
                    int parent = place.block() < 0 ? -1 : facts.parentOf(place.block());
                    return parent < 0 || !facts.isBlock(parent) ? input : facts.eid(parent);
                }
            default:
                break;
        }
        Matcher m = RELATIVE.matcher(name);
        if (m.matches()) {
            return day(offset(today, m.group(1), m.group(2), m.group(3)));
        }
        m = RELATIVE_TIME.matcher(name);
        if (m.matches()) {
            String time = m.group(4);
            if (time.equals("ms")) {
                time = m.group(1).equals("+") ? "end" : "start";
            }
            return millis(offset(today, m.group(1), m.group(2), m.group(3)), time, place);
        }
        m = TODAY_TIME.matcher(name);
        if (m.matches()) {
            return millis(today, m.group(1), place);
        }
        m = OLD_RELATIVE.matcher(name);
        if (m.matches()) {
            String kind = m.group(2) == null ? "" : m.group(2);
            String sign = kind.startsWith("-after") ? "+" : "-";
            LocalDate d = offset(today, sign, m.group(1), "d");
            return kind.endsWith("-ms")
                    ? millis(d, sign.equals("+") ? "end" : "start", place)
                    : day(d);
        }
        return input;
    }

    private static LocalDate offset(LocalDate today, String sign, String amount, String unit) {
        long n = Long.parseLong(amount) * (sign.equals("-") ? -1 : 1);
        return switch (unit) {
            case "w" -> today.plusWeeks(n);
            case "m" -> today.plusMonths(n);
            case "y" -> today.plusYears(n);
            default -> today.plusDays(n);
        };
    }

    /** {@code yyyyMMdd} as a number, as Logseq keeps journal days. */
    static long day(LocalDate d) {
        return Long.parseLong(d.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static long millis(LocalDate d, String time, Place place) {
        LocalTime t;
        if (time.equals("start")) {
            t = LocalTime.MIDNIGHT;
        } else if (time.equals("end")) {
            t = LocalTime.of(23, 59, 59, 999_000_000);
        } else {
            String digits = (time + "000000000").substring(0, 9);
            t =
                    LocalTime.of(
                            Math.min(23, Integer.parseInt(digits.substring(0, 2))),
                            Math.min(59, Integer.parseInt(digits.substring(2, 4))),
                            Math.min(59, Integer.parseInt(digits.substring(4, 6))),
                            Math.min(999, Integer.parseInt(digits.substring(6, 9))) * 1_000_000);
        }
        return d.atTime(t).atZone(place.now().getZone()).toInstant().toEpochMilli();
    }
}
