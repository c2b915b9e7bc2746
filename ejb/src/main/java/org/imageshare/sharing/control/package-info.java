// SPDX-License-Identifier: Apache-2.0
/**
 * Share links. A patient with consent in force shares chosen released studies with one recipient by a
 * secret link sent only by e-mail (through the outbox, in the share's transaction). Tokens (256 bits,
 * SecureRandom) and access codes exist in clear only in that mail and on the patient's screen once; the
 * database holds SHA-256 / Argon2id hashes. {@code ShareAccess} is the single access decision for the landing
 * page, the viewer and the download.
 */
package org.imageshare.sharing.control;
