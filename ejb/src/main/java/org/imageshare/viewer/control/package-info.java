// SPDX-License-Identifier: Apache-2.0
/**
 * The viewer: every read goes through a {@link org.imageshare.viewer.control.StudyScope}, the set of
 * studies one request may see, resolved afresh by the route's boundary for each request (the patient's
 * released studies today; a share link's studies later). Anything outside the scope is "not found",
 * whether or not it exists.
 */
package org.imageshare.viewer.control;
