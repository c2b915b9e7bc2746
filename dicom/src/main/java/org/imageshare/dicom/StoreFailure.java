// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.Objects;

/**
 * Thrown by a {@link StoreHandler} to refuse one received object with a specific DIMSE failure
 * status. The association is not affected: the adapter answers the C-STORE with
 * {@link Category#status()} and goes on with the next request.
 *
 * <p>The message stays in the application: it is neither logged by the adapter nor sent to the peer
 * (the C-STORE response carries a fixed error comment per category), so it may mention what the
 * application likes, but should still not carry PHI.
 */
public class StoreFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failure categories and the DIMSE status each one produces. */
    public enum Category {
        /** Refused: out of resources (0xA700), e.g. the disk is full. The sender may retry later. */
        OUT_OF_RESOURCES(0xA700, "Refused: out of resources"),
        /** Error: cannot understand (0xC000), e.g. the data set cannot be parsed. */
        CANNOT_UNDERSTAND(0xC000, "Error: cannot understand"),
        /** Failure: processing failure (0x0110), e.g. the index could not be written. */
        PROCESSING_FAILURE(0x0110, "Failure: processing failure");

        private final int status;
        private final String errorComment;

        Category(int status, String errorComment) {
            this.status = status;
            this.errorComment = errorComment;
        }

        /** The DIMSE status sent in the C-STORE response. */
        public int status() {
            return status;
        }

        /** The fixed text sent as Error Comment (0000,0902); never contains application data. */
        String errorComment() {
            return errorComment;
        }
    }

    private final Category category;

    public StoreFailure(Category category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    public StoreFailure(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public Category category() {
        return category;
    }
}
