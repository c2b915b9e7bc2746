// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Our SCU roles towards a PACS: C-ECHO (Verification), C-FIND and C-MOVE in the Study Root
 * Query/Retrieve Information Model at STUDY level. Each call opens its own association, proposes
 * Implicit VR Little Endian, and releases the association at the end (aborts it on a timeout or a
 * protocol error). Thread-safe (no shared state). See {@code dicom/README.md}.
 */
public final class DicomScu {

    private static final System.Logger LOG = System.getLogger(DicomScu.class.getName());
    private static final int STATUS_PENDING = 0xFF00;
    private static final int STATUS_PENDING_WARNING = 0xFF01;
    private static final int STATUS_CANCEL = 0xFE00;

    /** Told about each pending C-MOVE response; answers false to ask the PACS to cancel (C-CANCEL). */
    @FunctionalInterface
    public interface MoveObserver {
        boolean progress(MoveProgress progress);
    }

    /** The studies found; {@code truncated} when more matched than asked for (the rest was cancelled). */
    public record FindResult(List<StudyMatch> studies, boolean truncated) {
        public FindResult {
            studies = List.copyOf(studies);
        }
    }

    private DicomScu() {
    }

    /** C-ECHO: succeeds if the peer accepts our association and answers status 0000. */
    public static void echo(ScuSettings settings, RemoteAe peer) throws ScuException {
        try (ScuAssociation a = ScuAssociation.open(settings, peer, List.of(Dimse.VERIFICATION))) {
            int pc = a.context(Dimse.VERIFICATION);
            int id = a.nextMessageId();
            a.send(pc, Dimse.request(Dimse.VERIFICATION, Dimse.C_ECHO_RQ, id, false).build(), null);
            ScuAssociation.Message rsp = a.read();
            int status = rsp.command().status();
            if (status != 0) {
                throw failed(peer, "C-ECHO", status, rsp.command().errorComment());
            }
        }
    }

    /**
     * C-FIND, Study Root, STUDY level: the studies of one patient. Returns at most {@code maxResults}
     * studies; when more match, the query is cancelled (C-CANCEL) and the result is marked truncated.
     */
    public static FindResult findStudies(ScuSettings settings, RemoteAe peer, StudyQuery query, int maxResults)
            throws ScuException {
        Objects.requireNonNull(query, "query");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be positive");
        }
        Identifier keys = new Identifier()
                .text(Identifier.QUERY_RETRIEVE_LEVEL, "STUDY")
                .text(Identifier.STUDY_DATE, query.dateRange())
                .text(Identifier.STUDY_TIME, "")
                .text(Identifier.ACCESSION_NUMBER, "")
                .text(Identifier.MODALITIES_IN_STUDY, query.modality().orElse(""))
                .text(Identifier.STUDY_DESCRIPTION, "")
                .text(Identifier.PATIENT_NAME, "")
                .text(Identifier.PATIENT_ID, query.patientId())
                .uid(Identifier.STUDY_INSTANCE_UID, "")
                .text(Identifier.NUMBER_OF_STUDY_RELATED_SERIES, "")
                .text(Identifier.NUMBER_OF_STUDY_RELATED_INSTANCES, "");
        query.issuer().ifPresent(i -> keys.text(Identifier.ISSUER_OF_PATIENT_ID, i));
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(query.patientId() + query.issuer().orElse(""))) {
            keys.text(Identifier.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
        }
        try (ScuAssociation a = ScuAssociation.open(settings, peer, List.of(Dimse.STUDY_ROOT_FIND))) {
            int pc = a.context(Dimse.STUDY_ROOT_FIND);
            int id = a.nextMessageId();
            a.send(pc, Dimse.request(Dimse.STUDY_ROOT_FIND, Dimse.C_FIND_RQ, id, true).us(0x0700, 0).build(),
                    keys.encode());
            List<StudyMatch> found = new ArrayList<>();
            boolean cancelled = false;
            while (true) {
                ScuAssociation.Message rsp = a.read();
                int status = rsp.command().status();
                if (status == STATUS_PENDING || status == STATUS_PENDING_WARNING) {
                    if (rsp.dataSet() == null) {
                        continue;
                    }
                    StudyMatch match = decode(rsp.dataSet(), peer);
                    if (found.size() < maxResults) {
                        found.add(match);
                    } else if (!cancelled) {
                        a.send(pc, Dimse.cancel(id), null);
                        cancelled = true;
                    }
                    continue;
                }
                if (status == 0 || (status == STATUS_CANCEL && cancelled)) {
                    return new FindResult(found, cancelled);
                }
                throw failed(peer, "C-FIND", status, rsp.command().errorComment());
            }
        }
    }

    /**
     * C-MOVE, Study Root, STUDY level: asks the PACS to send one study to {@code destinationAeTitle}
     * (normally our own listener). Reports each pending response to {@code observer}; when it answers
     * false, a C-CANCEL is sent once and the move goes on until the PACS answers its final status.
     * Returns the final response whatever its status (see {@link MoveResult#finished()}).
     */
    public static MoveResult moveStudy(ScuSettings settings, RemoteAe peer, String studyInstanceUid,
            String destinationAeTitle, MoveObserver observer) throws ScuException {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        if (!studyInstanceUid.matches("[0-9.]{1,64}")) {
            throw new IllegalArgumentException("studyInstanceUid is not a UID");
        }
        String destination = AeTitles.requireValid(destinationAeTitle, "destinationAeTitle");
        MoveObserver obs = observer == null ? p -> true : observer;
        Identifier keys = new Identifier().text(Identifier.QUERY_RETRIEVE_LEVEL, "STUDY")
                .uid(Identifier.STUDY_INSTANCE_UID, studyInstanceUid);
        try (ScuAssociation a = ScuAssociation.open(settings, peer, List.of(Dimse.STUDY_ROOT_MOVE))) {
            int pc = a.context(Dimse.STUDY_ROOT_MOVE);
            int id = a.nextMessageId();
            a.send(pc, Dimse.request(Dimse.STUDY_ROOT_MOVE, Dimse.C_MOVE_RQ, id, true)
                    .ae(Dimse.MOVE_DESTINATION, destination).us(Dimse.PRIORITY, 0).build(), keys.encode());
            boolean cancelSent = false;
            while (true) {
                ScuAssociation.Message rsp = a.read();
                Dimse.Response c = rsp.command();
                int status = c.status();
                MoveProgress progress = new MoveProgress(status, c.us(Dimse.REMAINING), c.us(Dimse.COMPLETED),
                        c.us(Dimse.FAILED), c.us(Dimse.WARNING));
                if (progress.pending()) {
                    boolean goOn;
                    try {
                        goOn = obs.progress(progress);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "C-MOVE progress observer failed; cancelling", e);
                        goOn = false;
                    }
                    if (!goOn && !cancelSent) {
                        a.send(pc, Dimse.cancel(id), null);
                        cancelSent = true;
                    }
                    continue;
                }
                return new MoveResult(status, progress.completed(), progress.failed(), progress.warning(),
                        progress.remaining(), c.errorComment());
            }
        }
    }

    private static StudyMatch decode(byte[] dataSet, RemoteAe peer) throws ScuException {
        try {
            return Identifier.studyMatch(Identifier.decode(dataSet));
        } catch (ProtocolException e) {
            throw new ScuException(ScuException.Reason.ABORTED, peer + " sent a malformed C-FIND identifier: "
                    + e.getMessage(), e);
        }
    }

    private static ScuException failed(RemoteAe peer, String what, int status, String comment) {
        return new ScuException(ScuException.Reason.FAILED, status, what + " at " + peer + " failed with status "
                + String.format("%04X", status) + (comment.isEmpty() ? "" : " (" + comment + ")"), null);
    }
}
