// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/**
 * Removes a study: its instance, series and study rows in the caller's transaction, and its files from the
 * image store only once that transaction has committed (a rollback leaves rows and files as they were).
 */
@ApplicationScoped
public class StudyRemoval {

    private static final System.Logger LOG = System.getLogger(StudyRemoval.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ImageShareConfig config;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** @return the number of instances removed */
    @Transactional(TxType.MANDATORY)
    public int remove(Study study) {
        Path store = config.dataDir().resolve("store");
        List<Path> files = new ArrayList<>();
        for (Series series : em.createNamedQuery(Series.FIND_BY_STUDY, Series.class).setParameter("study", study)
                .getResultList()) {
            for (Instance instance : em.createNamedQuery(Instance.FIND_BY_SERIES, Instance.class)
                    .setParameter("series", series).getResultList()) {
                files.add(store.resolve(instance.getFilePath()).normalize());
                em.remove(instance);
            }
            em.flush();
            em.remove(series);
        }
        em.flush();
        em.remove(study);
        em.flush();
        String uid = study.getStudyInstanceUid();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    deleteFiles(store, files, uid);
                }
            }
        });
        return files.size();
    }

    static void deleteFiles(Path store, List<Path> files, String studyUid) {
        int failed = 0;
        for (Path file : files) {
            if (!file.startsWith(store)) {
                failed++;
                continue;
            }
            try {
                Files.deleteIfExists(file);
                deleteIfEmpty(file.getParent(), store);
                deleteIfEmpty(file.getParent().getParent(), store);
            } catch (IOException e) {
                failed++;
            }
        }
        if (failed > 0) {
            LOG.log(Level.WARNING, "Discarded study {0}: {1} of {2} files could not be deleted", studyUid, failed,
                    files.size());
        }
    }

    private static void deleteIfEmpty(Path dir, Path store) throws IOException {
        if (dir == null || dir.equals(store) || !dir.startsWith(store)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // gone already or refilled by a concurrent store: leave it
        }
    }
}
