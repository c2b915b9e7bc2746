// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

/** A delivery trigger arrived before its outbox row was visible; a system exception, so the JMS message is redelivered. */
public class MailNotYetVisible extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailNotYetVisible(long mailId) {
        super("mail " + mailId + " is not committed yet");
    }
}
