// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.List;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.NotFound;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/**
 * Reads of the study index for the viewer, each confined to a {@link StudyScope}: a study, series or
 * instance outside it answers {@link NotFound} exactly like one that does not exist.
 */
@ApplicationScoped
public class ViewerQueries {

    private static final String NOT_FOUND = "no such study";

    @PersistenceContext
    EntityManager em;

    @Inject
    ImageShareConfig config;

    public List<SeriesView> series(StudyScope scope, String studyUid) {
        Study study = study(scope, studyUid);
        return em.createNamedQuery(Series.FIND_BY_STUDY, Series.class).setParameter("study", study)
                .getResultStream()
                .map(s -> new SeriesView(s.getSeriesInstanceUid(), s.getSeriesNumber().orElse(null),
                        s.getModality().orElse(null), s.getDescription().orElse(null), s.getNumberOfInstances(),
                        em.createNamedQuery(Instance.FIND_BY_SERIES, Instance.class).setParameter("series", s)
                                .setMaxResults(1).getResultStream().findFirst().map(Instance::getSopInstanceUid)
                                .orElse(null)))
                .toList();
    }

    public List<InstanceView> instances(StudyScope scope, String studyUid, String seriesUid) {
        Series series = series(scope, studyUid, seriesUid);
        return em.createNamedQuery(Instance.FIND_BY_SERIES, Instance.class).setParameter("series", series)
                .getResultStream()
                .map(i -> new InstanceView(i.getSopInstanceUid(), i.getInstanceNumber().orElse(null),
                        Math.max(1, i.getNumberOfFrames().orElse(1))))
                .toList();
    }

    /** The instance's file, if the instance belongs to {@code studyUid} and the scope allows that study. */
    public StoredObject object(StudyScope scope, String studyUid, String sopUid) {
        if (!scope.allows(studyUid)) {
            throw new NotFound(NOT_FOUND);
        }
        Instance instance = em.createNamedQuery(Instance.FIND_IN_STUDY, Instance.class).setParameter("uid", sopUid)
                .setParameter("study", studyUid).getResultStream().findFirst()
                .orElseThrow(() -> new NotFound(NOT_FOUND));
        return new StoredObject(instance.getSopInstanceUid(), file(instance));
    }

    /** The middle instance of a series (a representative slice for its thumbnail). */
    public StoredObject representative(StudyScope scope, String studyUid, String seriesUid) {
        Series series = series(scope, studyUid, seriesUid);
        List<Instance> all = em.createNamedQuery(Instance.FIND_BY_SERIES, Instance.class)
                .setParameter("series", series).getResultList();
        if (all.isEmpty()) {
            throw new NotFound(NOT_FOUND);
        }
        Instance middle = all.get(all.size() / 2);
        return new StoredObject(middle.getSopInstanceUid(), file(middle));
    }

    private Path file(Instance instance) {
        Path store = config.dataDir().resolve("store").normalize();
        Path file = store.resolve(instance.getFilePath()).normalize();
        if (!file.startsWith(store)) {
            throw new NotFound(NOT_FOUND);
        }
        return file;
    }

    private Study study(StudyScope scope, String studyUid) {
        if (!scope.allows(studyUid)) {
            throw new NotFound(NOT_FOUND);
        }
        return em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", studyUid)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    private Series series(StudyScope scope, String studyUid, String seriesUid) {
        Study study = study(scope, studyUid);
        return em.createNamedQuery(Series.FIND_BY_UID, Series.class).setParameter("uid", seriesUid)
                .getResultStream().findFirst()
                .filter(s -> s.getStudy().getId() == study.getId())
                .orElseThrow(() -> new NotFound(NOT_FOUND));
    }
}
