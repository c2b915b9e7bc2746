// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.entity;

/** Fitting received DICOM text into the columns. */
final class Texts {

    private Texts() {
    }

    /** The value cut to {@code max} characters; never null. */
    static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** The value cut to {@code max} characters, or null when empty. */
    static String optional(String value, int max) {
        String v = clip(value, max).strip();
        return v.isEmpty() ? null : v;
    }
}
