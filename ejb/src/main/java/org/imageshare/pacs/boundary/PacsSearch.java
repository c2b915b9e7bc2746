// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.DicomScu;
import org.imageshare.dicom.ScuException;
import org.imageshare.dicom.StudyMatch;
import org.imageshare.dicom.StudyQuery;
import org.imageshare.pacs.control.ConfiguredPacs;
import org.imageshare.pacs.control.PacsDirectory;
import org.imageshare.pacs.control.PacsSearchResult;
import org.imageshare.pacs.control.PacsStudyView;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.PeerUnavailable;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.entity.Study;

/**
 * Searches the configured PACS (C-FIND, Study Root, STUDY level) for one patient's studies, optionally in a
 * date range and of a modality. Audited as {@code PACS_QUERIED} with the number of studies, no patient data.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class PacsSearch {

    /** Studies returned at most; more are cancelled at the PACS and the result says it was cut. */
    public static final int MAX_STUDIES = 200;
    private static final System.Logger LOG = System.getLogger(PacsSearch.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PacsDirectory directory;

    @Inject
    Event<AuditEvent> audit;

    public PacsSearchResult find(String patientId, LocalDate from, LocalDate to, String modality) {
        if (patientId == null || patientId.isBlank()) {
            throw new InvalidInput("patientId", "is required");
        }
        StudyQuery query;
        try {
            query = StudyQuery.ofPatient(patientId).between(from, to).withModality(modality);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("from") ? "from"
                    : e.getMessage().startsWith("modality") ? "modality" : "patientId";
            throw new InvalidInput(field, e.getMessage().substring(e.getMessage().indexOf(' ') + 1));
        }
        ConfiguredPacs pacs = directory.require();
        DicomScu.FindResult found;
        try {
            found = DicomScu.findStudies(directory.scuSettings(), pacs.remoteAe(), query, MAX_STUDIES);
        } catch (ScuException e) {
            LOG.log(Level.INFO, "C-FIND at {0} failed: {1}", pacs.label(), e.reason());
            throw new PeerUnavailable("The PACS could not be searched: " + e.getMessage());
        }
        List<PacsStudyView> studies = found.studies().stream().map(this::view)
                .sorted(Comparator.comparing((PacsStudyView s) -> s.studyDate() == null ? "" : s.studyDate()).reversed())
                .toList();
        audit.fire(AuditEvent.byCaller(AuditAction.PACS_QUERIED, null, "C-FIND at " + pacs.label() + ": "
                + studies.size() + " studies" + (found.truncated() ? " (cut at " + MAX_STUDIES + ")" : "")));
        return new PacsSearchResult(pacs.label(), studies, found.truncated());
    }

    private PacsStudyView view(StudyMatch m) {
        Integer local = m.studyInstanceUid().isEmpty() ? null
                : em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", m.studyInstanceUid())
                        .getResultStream().findFirst().map(Study::getNumberOfInstances).orElse(null);
        return new PacsStudyView(m.studyInstanceUid(), isoDate(m.studyDate()), m.studyTime(), m.accessionNumber(),
                m.description(), m.modalities(), boxed(m.numberOfSeries()), boxed(m.numberOfInstances()),
                m.patientId(), m.patientName().replace('^', ' ').strip(), local);
    }

    private static Integer boxed(java.util.OptionalInt v) {
        return v.isPresent() ? Integer.valueOf(v.getAsInt()) : null;
    }

    /** YYYYMMDD → YYYY-MM-DD; anything else as it came, empty → null. */
    static String isoDate(String da) {
        if (da == null || da.isBlank()) {
            return null;
        }
        return Optional.of(da.strip()).filter(d -> d.matches("\\d{8}"))
                .map(d -> d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6)).orElse(da.strip());
    }
}
