// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import com.pixelmed.dicom.SOPClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presentation context negotiation: Verification and every storage SOP class, in any transfer
 * syntax whose data set encoding we know (all standard ones). Of the syntaxes proposed in one
 * context the first acceptable one is taken, except that Implicit VR Little Endian is taken only
 * when nothing else is acceptable (it loses the VRs).
 */
final class ContextPolicy {

    /** The standard storage SOP class subtree (image, SR, RT, waveform, ... storage). */
    private static final String STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.";

    /** An accepted context. */
    record Accepted(int id, String abstractSyntax, String transferSyntax, TransferSyntaxes.Encoding encoding) {
    }

    /** The answer for the A-ASSOCIATE-AC and the accepted contexts by ID. */
    record Negotiated(List<Pdus.ContextResult> results, Map<Integer, Accepted> accepted) {
    }

    private ContextPolicy() {
    }

    static Negotiated negotiate(List<AssociateRequest.ProposedContext> proposed) {
        List<Pdus.ContextResult> results = new ArrayList<>(proposed.size());
        Map<Integer, Accepted> accepted = new HashMap<>();
        for (AssociateRequest.ProposedContext pc : proposed) {
            if (!isSupportedAbstractSyntax(pc.abstractSyntax())) {
                results.add(new Pdus.ContextResult(pc.id(), Pdus.ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        pc.transferSyntaxes().get(0)));
                continue;
            }
            Optional<String> ts = choose(pc.transferSyntaxes());
            if (ts.isEmpty() || accepted.containsKey(pc.id())) {
                results.add(new Pdus.ContextResult(pc.id(), Pdus.ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        pc.transferSyntaxes().get(0)));
                continue;
            }
            results.add(new Pdus.ContextResult(pc.id(), Pdus.ContextResult.ACCEPTANCE, ts.get()));
            accepted.put(pc.id(), new Accepted(pc.id(), pc.abstractSyntax(), ts.get(),
                    TransferSyntaxes.encodingOf(ts.get()).orElseThrow()));
        }
        return new Negotiated(results, accepted);
    }

    static boolean isSupportedAbstractSyntax(String uid) {
        return CommandSet.VERIFICATION.equals(uid) || uid.startsWith(STORAGE_PREFIX) || SOPClass.isStorage(uid);
    }

    private static Optional<String> choose(List<String> proposed) {
        String implicit = null;
        for (String ts : proposed) {
            if (TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN.equals(ts)) {
                implicit = ts;
            } else if (TransferSyntaxes.encodingOf(ts).isPresent()) {
                return Optional.of(ts);
            }
        }
        return Optional.ofNullable(implicit);
    }
}
