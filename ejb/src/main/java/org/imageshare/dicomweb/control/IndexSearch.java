// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/** QIDO-RS over the study index: the query is built from the present keys only, values are bound. */
@ApplicationScoped
public class IndexSearch {

    @PersistenceContext
    EntityManager em;

    public List<StudyMatch> studies(StudyQuery q) {
        StringBuilder jpql = new StringBuilder("SELECT s FROM Study s WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!q.studyInstanceUids().isEmpty()) {
            jpql.append(" AND s.studyInstanceUid IN :uids");
            params.put("uids", q.studyInstanceUids());
        }
        text(jpql, params, "s.dicomPatientId", "patientId", q.patientId(), false);
        text(jpql, params, "s.dicomPatientName", "patientName", q.patientName(), true);
        text(jpql, params, "s.accessionNumber", "accession", q.accessionNumber(), false);
        q.dateFrom().ifPresent(d -> {
            jpql.append(" AND s.studyDate >= :from");
            params.put("from", d);
        });
        q.dateTo().ifPresent(d -> {
            jpql.append(" AND s.studyDate <= :to");
            params.put("to", d);
        });
        if (!q.modality().isEmpty()) {
            // modalities is "CT\MR", sorted: match one whole entry
            jpql.append(" AND (s.modalities = :m OR s.modalities LIKE :m1 ESCAPE '!' OR s.modalities LIKE :m2 ESCAPE '!'"
                    + " OR s.modalities LIKE :m3 ESCAPE '!')");
            String m = StudyQuery.likePattern(q.modality().replace("*", "").replace("?", ""));
            params.put("m", q.modality());
            params.put("m1", m + "\\%");
            params.put("m2", "%\\" + m);
            params.put("m3", "%\\" + m + "\\%");
        }
        jpql.append(" ORDER BY s.studyDate DESC, s.id DESC");
        TypedQuery<Study> query = em.createQuery(jpql.toString(), Study.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(q.offset()).setMaxResults(q.limit()).getResultStream().map(StudyMatch::of).toList();
    }

    public List<SeriesMatch> series(String studyInstanceUid, String modality, String seriesInstanceUid) {
        StringBuilder jpql = new StringBuilder("SELECT s FROM Series s JOIN FETCH s.study st WHERE st.studyInstanceUid = :study");
        Map<String, Object> params = new HashMap<>(Map.of("study", studyInstanceUid));
        if (modality != null && !modality.isBlank()) {
            jpql.append(" AND s.modality = :modality");
            params.put("modality", modality.strip());
        }
        if (seriesInstanceUid != null && !seriesInstanceUid.isBlank()) {
            jpql.append(" AND s.seriesInstanceUid = :series");
            params.put("series", seriesInstanceUid.strip());
        }
        jpql.append(" ORDER BY s.seriesNumber, s.id");
        TypedQuery<Series> query = em.createQuery(jpql.toString(), Series.class);
        params.forEach(query::setParameter);
        return query.setMaxResults(StudyQuery.MAX_LIMIT * 10).getResultStream().map(SeriesMatch::of).toList();
    }

    /** Instances of a study, optionally of one series and/or one SOP instance. */
    public List<InstanceMatch> instances(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        StringBuilder jpql = new StringBuilder("SELECT i FROM Instance i JOIN FETCH i.series s JOIN FETCH s.study st "
                + "WHERE st.studyInstanceUid = :study");
        Map<String, Object> params = new HashMap<>(Map.of("study", studyInstanceUid));
        if (seriesInstanceUid != null && !seriesInstanceUid.isBlank()) {
            jpql.append(" AND s.seriesInstanceUid = :series");
            params.put("series", seriesInstanceUid.strip());
        }
        if (sopInstanceUid != null && !sopInstanceUid.isBlank()) {
            jpql.append(" AND i.sopInstanceUid = :sop");
            params.put("sop", sopInstanceUid.strip());
        }
        jpql.append(" ORDER BY s.seriesNumber, s.id, i.instanceNumber, i.id");
        TypedQuery<Instance> query = em.createQuery(jpql.toString(), Instance.class);
        params.forEach(query::setParameter);
        List<InstanceMatch> out = new ArrayList<>();
        query.getResultStream().forEach(i -> out.add(InstanceMatch.of(i)));
        return out;
    }

    private static void text(StringBuilder jpql, Map<String, Object> params, String path, String name, String value,
            boolean caseInsensitive) {
        if (value.isEmpty() || value.equals("*")) {
            return;
        }
        String field = caseInsensitive ? "UPPER(" + path + ")" : path;
        String v = caseInsensitive ? value.toUpperCase() : value;
        if (StudyQuery.hasWildcard(v)) {
            jpql.append(" AND ").append(field).append(" LIKE :").append(name).append(" ESCAPE '!'");
            params.put(name, StudyQuery.likePattern(v));
        } else {
            jpql.append(" AND ").append(field).append(" = :").append(name);
            params.put(name, v);
        }
    }
}
