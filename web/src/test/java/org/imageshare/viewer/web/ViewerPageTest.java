// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imageshare.dicom.render.Window;
import org.imageshare.viewer.control.InstanceView;
import org.imageshare.viewer.control.SeriesView;
import org.imageshare.viewer.control.ViewerStart;
import org.junit.jupiter.api.Test;

class ViewerPageTest {

    private static final ViewerPage PAGE = ViewerPage.withVersion("abc123");
    private static final ViewerStart START = new ViewerStart("1.2.3",
            List.of(new SeriesView("1.2.3.4", 2, "CT", "</script><script>alert(1)</script> & \"x\"", 2, "1.2.3.4.1")),
            List.of(new InstanceView("1.2.3.4.1", 1, 1), new InstanceView("1.2.3.4.2", null, 3)));

    @Test
    void thePatientRouteNamesItsApiAndBackWithoutData() {
        String html = PAGE.html(new ViewerPage.Route("/ctx", "/ctx/api/v1/patient/viewer/studies/",
                "/ctx/patient/index.xhtml", "", null));

        assertThat(html).contains("data-api=\"/ctx/api/v1/patient/viewer/studies/\"")
                .contains("<a class=\"back\" id=\"back\" href=\"/ctx/patient/index.xhtml\">")
                .contains("src=\"/ctx/viewer/viewer.js?v=abc123\"").contains("href=\"/ctx/viewer/viewer.css?v=abc123\"")
                .doesNotContain("id=\"viewer-data\"").doesNotContain("rel=\"preload\"").doesNotContain("id=\"first\"")
                .doesNotContain("{{");
    }

    @Test
    void aShareRouteCarriesTheStudyAndPreloadsTheFirstImage() {
        String html = PAGE.html(new ViewerPage.Route("", "/s/tok/viewer/studies/", null,
                "<div id=\"shared\">x</div>", START));

        assertThat(html).contains("<link rel=\"preload\" as=\"fetch\" crossorigin=\"anonymous\" "
                        + "href=\"/s/tok/viewer/studies/1.2.3/instances/1.2.3.4.1/frames/1/rendered\"/>")
                .contains("<img id=\"first\" class=\"first\" "
                        + "src=\"/s/tok/viewer/studies/1.2.3/instances/1.2.3.4.1/frames/1/rendered\" alt=\"\"")
                .contains("<script type=\"application/json\" id=\"viewer-data\">{\"study\":\"1.2.3\"")
                .contains("href=\"\" hidden>").contains("<div id=\"shared\">x</div>")
                .contains("data-study=\"1.2.3\"");
        assertThat(html.indexOf("</script>", html.indexOf("id=\"viewer-data\""))).as("one </script>: the block's own")
                .isEqualTo(html.lastIndexOf("</script>"));
    }

    @Test
    void aFirstImageAlreadyRenderedIsNotPreloadedAndItsWindowIsInTheData() {
        ViewerStart rendered = new ViewerStart(START.studyInstanceUid(), START.series(), START.firstSeriesInstances(),
                new ViewerStart.FirstImage(new Window(40, 400.5)));
        String html = PAGE.html(new ViewerPage.Route("", "/s/tok/viewer/studies/", null, "", rendered));

        assertThat(html).doesNotContain("rel=\"preload\"")
                .contains("<img id=\"first\" class=\"first\" "
                        + "src=\"/s/tok/viewer/studies/1.2.3/instances/1.2.3.4.1/frames/1/rendered\" alt=\"\"");
        assertThat(ViewerPage.json(rendered)).endsWith("],\"first\":{\"window\":{\"center\":40,\"width\":400.5}}}");
        assertThat(ViewerPage.json(new ViewerStart(START.studyInstanceUid(), START.series(), List.of(),
                new ViewerStart.FirstImage(null)))).as("a colour image: drawn without a window")
                .endsWith("\"instances\":[],\"first\":{\"window\":null}}");
        assertThat(ViewerPage.json(START)).as("not rendered yet: the script fetches it").doesNotContain("\"first\"");
    }

    @Test
    void theDataIsJsonThatCannotEndItsScriptBlock() {
        String json = ViewerPage.json(START);

        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .contains("\"description\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e "
                        + "\\u0026 \\\"x\\\"\"")
                .contains("{\"sopInstanceUid\":\"1.2.3.4.2\",\"frames\":3}")
                .contains("\"seriesNumber\":2,\"modality\":\"CT\"");
    }

    @Test
    void templateSlotsAlternateWithText() {
        assertThat(ViewerPage.parse("a{{x}}b{{y}}")).containsExactly("a", "x", "b", "y", "");
    }
}
