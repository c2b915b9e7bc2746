// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.sharing.control.ShareCreated;
import org.imageshare.study.control.StudyDownloads;

/**
 * Prepares, in the background, what a physician's first opening of a new share link needs first: the first
 * image of each series at its own window and each series' thumbnail (the render cache then answers the first
 * opening from disk; issue 5: first image painted in under 0.3 s), then each study's DICOMDIR (the first
 * download then starts at once, {@link StudyDownloads#prepareDicomDir}). The request that created the link
 * does not wait (asynchronous, after the commit). Best effort: a failure costs only the head start.
 */
@Stateless
@PermitAll
public class RenderWarmup {

    private static final System.Logger LOG = System.getLogger(RenderWarmup.class.getName());
    /** Series of one study prepared at most (the first ones in display order). */
    static final int MAX_SERIES = 12;

    @Inject
    ViewerQueries queries;

    @Inject
    Renderings renderings;

    @Inject
    StudyDownloads downloads;

    @Resource
    SessionContext context;

    /** After the share's commit: hands the work to {@link #firstImages} and returns at once. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onShareCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) ShareCreated created) {
        context.getBusinessObject(RenderWarmup.class).firstImages(created.studyInstanceUids());
    }

    @Asynchronous
    public void firstImages(List<String> studyUids) {
        StudyScope scope = new StudyScope(Set.copyOf(studyUids), 0, "warm-up");
        long started = System.nanoTime();
        int rendered = 0;
        for (String study : studyUids) {
            try {
                List<SeriesView> series = queries.series(scope, study);
                for (SeriesView s : series.subList(0, Math.min(MAX_SERIES, series.size()))) {
                    if (s.firstSopInstanceUid() != null) {
                        RenderResult r = renderings.frame(queries.object(scope, study, s.firstSopInstanceUid()), 1,
                                Optional.empty(), 0);
                        rendered += r instanceof RenderResult.Rendered ? 1 : 0;
                    }
                    renderings.thumbnail(queries.representative(scope, study, s.seriesInstanceUid()));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "warm-up of a shared study skipped: {0}", e.getClass().getName());
            }
        }
        int dicomDirs = 0;
        for (String study : studyUids) {
            try {
                dicomDirs += downloads.prepareDicomDir(study) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "DICOMDIR of a shared study not prepared: {0}", e.getClass().getName());
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "warm-up: {0} first images, {1} DICOMDIRs in {2} ms", rendered, dicomDirs,
                (System.nanoTime() - started) / 1_000_000);
    }
}
