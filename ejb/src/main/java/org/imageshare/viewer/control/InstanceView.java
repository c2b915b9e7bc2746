// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

/** One instance of a series in display order, with its number of frames (1 for single-frame images). */
public record InstanceView(String sopInstanceUid, Integer instanceNumber, int frames) {
}
