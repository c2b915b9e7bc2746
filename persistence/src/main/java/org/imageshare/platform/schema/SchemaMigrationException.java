// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.schema;

/** The schema could not be brought up to date; the application must not start. */
public class SchemaMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaMigrationException(String message) {
        super(message);
    }

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
