package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a page's graph comes from, by the size of its workspace. */
class GraphDataRuleTest {
    @Test
    void aPageOfASmallGraphTakesItsGraphOutOfTheWholeOneAndALargeGraphsPagesHaveFiles() {
        assertThat(GraphData.localFromWhole(1)).isTrue();
        assertThat(GraphData.localFromWhole(GraphData.LOCAL_FROM_WHOLE_MAX_PAGES)).isTrue();
        // g50k's graph.json is some 12 MB: a page's graph there is a file of its own
        assertThat(GraphData.localFromWhole(GraphData.LOCAL_FROM_WHOLE_MAX_PAGES + 1)).isFalse();
        // not known (a site without workspace facts): the page's own file, which is always served
        assertThat(GraphData.localFromWhole(0)).isFalse();
    }
}
