// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.imageshare.dicom.render.DicomRenderer;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * The one {@link DicomRenderer} of the application: PNG cache under
 * {@code $IMAGESHARE_DATA_DIR/render-cache} bounded by {@code imageshare.viewer.cache.max-bytes}, decoded
 * frames in memory bounded by {@code imageshare.viewer.memory.max-bytes}.
 */
@ApplicationScoped
public class Renderings {

    @Inject
    ImageShareConfig config;

    @Inject
    Config mp;

    private DicomRenderer renderer;

    @PostConstruct
    void start() {
        renderer = new DicomRenderer(config.dataDir().resolve("render-cache"),
                mp.getOptionalValue("imageshare.viewer.cache.max-bytes", Long.class).orElse(1L << 30),
                mp.getOptionalValue("imageshare.viewer.memory.max-bytes", Long.class).orElse(128L << 20));
    }

    public RenderResult frame(StoredObject object, int frameNumber, Optional<Window> window, int maxSize) {
        return renderer.render(object.file(), object.sopInstanceUid(), frameNumber, window, maxSize);
    }

    /** Frame {@code frameNumber} at the object's own window, full size, if it is in the render cache now. */
    public Optional<RenderResult.Rendered> cachedFrame(StoredObject object, int frameNumber) {
        return renderer.cached(object.file(), object.sopInstanceUid(), frameNumber, Optional.empty(), 0);
    }

    public RenderResult thumbnail(StoredObject object) {
        return renderer.thumbnail(object.file(), object.sopInstanceUid());
    }
}
