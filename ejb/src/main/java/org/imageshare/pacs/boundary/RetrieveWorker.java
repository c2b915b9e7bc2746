// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.imageshare.dicom.DicomScu;
import org.imageshare.dicom.MoveResult;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.dicom.ScuException;
import org.imageshare.pacs.control.PacsDirectory;
import org.imageshare.pacs.entity.RetrieveStatus;

/**
 * Runs retrieve tasks on the container's asynchronous executor, one after the other (so one request never
 * floods our listener with parallel C-MOVEs): C-MOVE of the study to our AE title, progress written after
 * each pending response (at most every {@value #PROGRESS_INTERVAL_MILLIS} ms), C-CANCEL when staff cancelled,
 * the outcome recorded and audited. The images arrive through the normal C-STORE ingest path (matching,
 * release hold). Not exposed over HTTP; only {@link org.imageshare.pacs.control.RetrieveDispatcher} calls it.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetrieveWorker {

    static final long PROGRESS_INTERVAL_MILLIS = 300;
    private static final System.Logger LOG = System.getLogger(RetrieveWorker.class.getName());

    @Inject
    RetrieveProgress progress;

    @Inject
    PacsDirectory directory;

    @Asynchronous
    public void run(List<Long> taskIds) {
        for (long id : taskIds) {
            try {
                runOne(id);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Retrieve task " + id + " failed unexpectedly", e);
                progress.finish(id, RetrieveStatus.FAILED, null, "internal error", Optional.empty());
            }
        }
    }

    private void runOne(long id) {
        Optional<RemoteAe> pacs = progress.start(id);
        if (pacs.isEmpty()) {
            return;
        }
        long[] last = {0};
        boolean[] cancel = {false};
        MoveResult result;
        try {
            result = DicomScu.moveStudy(directory.scuSettings(), pacs.get(), progress.studyOf(id),
                    directory.ourAeTitle(), p -> {
                        long now = System.nanoTime();
                        if (!cancel[0] && now - last[0] >= PROGRESS_INTERVAL_MILLIS * 1_000_000) {
                            last[0] = now;
                            cancel[0] = progress.update(id, p.remaining(), p.completed(), p.failed(), p.warning());
                        }
                        return !cancel[0];
                    });
        } catch (ScuException e) {
            LOG.log(Level.INFO, "Retrieve task {0}: {1}", id, e.reason());
            progress.finish(id, RetrieveStatus.FAILED, null, e.getMessage(), Optional.empty());
            return;
        }
        RetrieveStatus outcome;
        String error = null;
        if (result.cancelled()) {
            outcome = RetrieveStatus.CANCELLED;
            error = "cancelled by staff";
        } else if (result.finished() && result.completed() <= 0 && result.warning() <= 0) {
            outcome = RetrieveStatus.FAILED;
            error = result.failed() > 0 ? describe(result) : "the PACS sent no images (does it have this study?)";
        } else if (result.finished()) {
            outcome = RetrieveStatus.DONE;
            if (result.failed() > 0) {
                error = result.failed() + " images could not be sent";
            }
        } else {
            outcome = RetrieveStatus.FAILED;
            error = describe(result);
        }
        progress.finish(id, outcome, result.statusHex(), error, Optional.of(result));
    }

    static String describe(MoveResult r) {
        String what = switch (r.status()) {
            case MoveResult.MOVE_DESTINATION_UNKNOWN ->
                    "the PACS does not know our AE title as a move destination (configure it on the PACS)";
            case 0xA701, 0xA702 -> "the PACS is out of resources";
            case 0xA900 -> "the PACS could not match the study";
            case 0xB000 -> "no image could be sent";
            default -> "the PACS answered a failure";
        };
        return what + " (status " + r.statusHex() + (r.errorComment().isEmpty() ? "" : ", " + r.errorComment()) + ")";
    }
}
