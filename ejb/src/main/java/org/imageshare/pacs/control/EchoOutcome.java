// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

/** The answer of "Test connection": C-ECHO succeeded or why not, and how long it took. */
public record EchoOutcome(boolean ok, String pacs, String message, long millis) {
}
