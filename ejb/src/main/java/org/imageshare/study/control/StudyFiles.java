// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.List;
import org.imageshare.ingest.boundary.DicomIngest;
import org.imageshare.study.entity.Instance;

/** The stored files of a study, in series and instance order. */
@ApplicationScoped
public class StudyFiles {

    @PersistenceContext
    EntityManager em;

    @Inject
    DicomIngest ingest;

    public List<StoredObject> of(String studyInstanceUid) {
        Path root = ingest.storeRoot();
        return em.createNamedQuery(Instance.FIND_BY_STUDY_UID, Instance.class)
                .setParameter("study", studyInstanceUid).getResultStream()
                .map(i -> new StoredObject(studyInstanceUid, i.getSeries().getSeriesInstanceUid(),
                        i.getSopInstanceUid(), i.getSopClassUid(), i.getTransferSyntaxUid(),
                        root.resolve(i.getFilePath()), i.getFileSize()))
                .toList();
    }
}
