// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * Implemented by the application: receives each stored object after its file is completely written
 * and checked, and before the C-STORE response is sent.
 *
 * <p>Called concurrently from the association threads (one call at a time per association):
 * implementations must be thread-safe.
 */
@FunctionalInterface
public interface StoreHandler {

    /**
     * Takes over one received object. The file at {@link ReceivedObject#file()} is a complete DICOM
     * Part 10 file (the data set exactly as received, behind a file meta header written by the
     * adapter). Move it into place (same file system: an atomic rename) and index it; whatever is
     * still at that path when this method returns or throws is deleted by the adapter.
     *
     * <p>The C-STORE response is sent only after this method has returned, with the status returned
     * here; a thrown {@link StoreFailure} is answered with its category's status; any other runtime
     * exception with 0x0110 (processing failure). The association continues in every case.
     *
     * @return the status to answer, normally {@link StoreStatus#SUCCESS}
     * @throws StoreFailure to refuse the object with a specific failure status
     */
    StoreStatus stored(ReceivedObject object) throws StoreFailure;

    /**
     * Called once when an association that was accepted has ended (released, aborted or failed), with
     * its counts, e.g. to write one audit record per association. The default does nothing.
     */
    default void associationEnded(AssociationSummary summary) {
        // nothing by default
    }
}
