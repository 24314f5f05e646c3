package dev.draehi.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.server.internal.ByteRange.Part;
import dev.draehi.server.internal.ByteRange.Unsatisfiable;
import dev.draehi.server.internal.ByteRange.Whole;
import org.junit.jupiter.api.Test;

/** The one byte range a {@code Range} header asks for. */
class ByteRangeTest {
    static ByteRange part(String header, long total) {
        ByteRange.Ask ask = ByteRange.parse(header, total);
        assertThat(ask).as(header).isInstanceOf(Part.class);
        return ((Part) ask).range();
    }

    @Test
    void aRangeFromToOrFromOnOrTheLastBytes() {
        assertThat(part("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(part("bytes=500-", 1000)).isEqualTo(new ByteRange(500, 999));
        assertThat(part("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(part("Bytes=10-19", 1000)).isEqualTo(new ByteRange(10, 19));
        // clipped to the body
        assertThat(part("bytes=900-5000", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(part("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
        assertThat(part("bytes=0-99999999999999999999999", 10)).isEqualTo(new ByteRange(0, 9));
        ByteRange r = part("bytes=100-199", 1000);
        assertThat(r.length()).isEqualTo(100);
        assertThat(r.contentRange(1000)).isEqualTo("bytes 100-199/1000");
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=5000-6000", 1000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-10", 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void malformedForeignOrSeveralRangesAskForTheWholeBody() {
        for (String h :
                new String[] {
                    null,
                    "",
                    "bytes=",
                    "bytes=-",
                    "bytes=abc",
                    "bytes=5-1",
                    "bytes=1-2-3",
                    "bytes=0-1,5-6",
                    "items=0-1",
                    "bytes=+1-2",
                    "bytes=0x10-20"
                }) {
            assertThat(ByteRange.parse(h, 1000)).as(String.valueOf(h)).isInstanceOf(Whole.class);
        }
    }
}
