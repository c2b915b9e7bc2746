// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One published version of the consent text; never changed once published. The highest version is current. */
@Entity
@Table(name = "consent_text")
@NamedQuery(name = ConsentText.FIND_NEWEST, query = "SELECT t FROM ConsentText t ORDER BY t.textVersion DESC")
@NamedQuery(name = ConsentText.FIND_BY_VERSION, query = "SELECT t FROM ConsentText t WHERE t.textVersion = :version")
public class ConsentText {

    public static final String FIND_NEWEST = "ConsentText.findNewest";
    public static final String FIND_BY_VERSION = "ConsentText.findByVersion";
    public static final int BODY_LENGTH = 20_000;
    public static final int ACTOR_LENGTH = 80;

    @Id
    @SequenceGenerator(name = "consent_text_seq", sequenceName = "consent_text_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_text_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "text_version", nullable = false, unique = true, updatable = false)
    private int textVersion;

    @NotBlank
    @Size(max = BODY_LENGTH)
    @Column(name = "body", nullable = false, length = BODY_LENGTH, updatable = false)
    private String body;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    @Column(name = "published_by", nullable = false, length = ACTOR_LENGTH, updatable = false)
    private String publishedBy;

    protected ConsentText() {
    }

    public ConsentText(int textVersion, String body, Instant publishedAt, String publishedBy) {
        this.textVersion = textVersion;
        this.body = body;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    public long getId() {
        return id;
    }

    public int getTextVersion() {
        return textVersion;
    }

    public String getBody() {
        return body;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getPublishedBy() {
        return publishedBy;
    }

    @Override
    public String toString() {
        return "ConsentText[version=" + textVersion + "]";
    }
}
