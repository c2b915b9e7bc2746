// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

/**
 * Writes one received object into the index in its own transaction, committed when the call returns
 * (implemented by the {@code StudyIndexer} EJB; tests pass fakes).
 */
@FunctionalInterface
public interface StudyIndex {

    /**
     * @throws org.imageshare.platform.control.ImageShareException when the object is refused (it contradicts
     *         what is stored); anything else may be a transient failure (e.g. a concurrent first insert of the
     *         same study) and is retried
     */
    IndexResult index(IncomingInstance instance);
}
