// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The instance list needs three columns, not 500 entities (the viewer page carries it; issue 5). */
    private static final String INSTANCE_ROWS = "SELECT i.sopInstanceUid, i.instanceNumber, i.numberOfFrames "
            + "FROM Instance i WHERE i.series = :series ORDER BY i.instanceNumber, i.id";

    /** How long where an instance is stored is taken from memory (a re-sent object may move). */
    static final long OBJECT_TTL_MS = 60_000;
    private static final int MAX_OBJECTS = 20_000;

    /** How long a study's series list is taken from memory. */
    static final long SERIES_TTL_MS = 5_000;

    private final ConcurrentHashMap<String, KnownObject> objects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, KnownSeries> seriesOfStudy = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager em;

    @Inject
    ImageShareConfig config;

    /**
     * The study's series, each with its first instance. The scope is checked on every call; the list itself is
     * remembered for {@link #SERIES_TTL_MS} (every open of a share link's viewer asks for it; issue 5), so a
     * series that is still arriving shows its new count a few seconds late.
     */
    public List<SeriesView> series(StudyScope scope, String studyUid) {
        if (!scope.allows(studyUid)) {
            throw new NotFound(NOT_FOUND);
        }
        long now = System.currentTimeMillis();
        KnownSeries known = seriesOfStudy.get(studyUid);
        if (known != null && now - known.at() < SERIES_TTL_MS && now >= known.at()) {
            return known.series();
        }
        List<SeriesView> series = readSeries(scope, studyUid);
        if (seriesOfStudy.size() >= MAX_OBJECTS) {
            seriesOfStudy.clear();
        }
        seriesOfStudy.put(studyUid, new KnownSeries(series, now));
        return series;
    }

    private record KnownSeries(List<SeriesView> series, long at) {
    }

    private List<SeriesView> readSeries(StudyScope scope, String studyUid) {
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
        return em.createQuery(INSTANCE_ROWS, Object[].class).setParameter("series", series).getResultStream()
                .map(row -> new InstanceView((String) row[0], (Integer) row[1],
                        row[2] == null ? 1 : Math.max(1, (Integer) row[2])))
                .toList();
    }

    /**
     * The instance's file, if the instance belongs to {@code studyUid} and the scope allows that study. The scope
     * is checked on every call; where a study's instance is stored is remembered for a short while
     * ({@link #OBJECT_TTL_MS}), so that a viewer's stream of frame requests costs no query each.
     */
    public StoredObject object(StudyScope scope, String studyUid, String sopUid) {
        if (!scope.allows(studyUid)) {
            throw new NotFound(NOT_FOUND);
        }
        String key = studyUid + "|" + sopUid;
        long now = System.currentTimeMillis();
        KnownObject known = objects.get(key);
        if (known != null && now - known.at() < OBJECT_TTL_MS) {
            return known.object();
        }
        Instance instance = em.createNamedQuery(Instance.FIND_IN_STUDY, Instance.class).setParameter("uid", sopUid)
                .setParameter("study", studyUid).getResultStream().findFirst()
                .orElseThrow(() -> new NotFound(NOT_FOUND));
        StoredObject object = new StoredObject(instance.getSopInstanceUid(), file(instance));
        if (objects.size() >= MAX_OBJECTS) {
            objects.clear();
        }
        objects.put(key, new KnownObject(object, now));
        return object;
    }

    private record KnownObject(StoredObject object, long at) {
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
