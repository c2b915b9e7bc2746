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

    /**
     * An index for the objects of one association, called on one thread at a time, which may keep what it
     * needs between objects (a database connection) until it is closed. By default each call stands alone.
     */
    default Session openSession() {
        return new Session() {
            @Override
            public IndexResult index(IncomingInstance instance) {
                return StudyIndex.this.index(instance);
            }

            @Override
            public void close() {
                // nothing kept
            }
        };
    }

    /** See {@link StudyIndex#openSession()}; each {@link #index} has committed when it returns. */
    interface Session extends StudyIndex, AutoCloseable {
        /** Gives back what the session kept; must not fail. */
        @Override
        void close();
    }
}
