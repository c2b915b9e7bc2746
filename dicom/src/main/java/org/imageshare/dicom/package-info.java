// SPDX-License-Identifier: Apache-2.0
/**
 * The DICOM adapter: a storage SCP ({@link org.imageshare.dicom.DicomListener}) that answers C-ECHO
 * and C-STORE and hands each received object, as a complete temporary Part 10 file with its parsed
 * header, to the application's {@link org.imageshare.dicom.StoreHandler}; the handler's outcome is
 * the C-STORE response status, sent only after the handler has returned.
 *
 * <p>This is the only package that uses PixelMed (character-set decoding and the list of storage
 * SOP classes); no PixelMed type appears in its public API. See {@code dicom/README.md}.
 */
package org.imageshare.dicom;
