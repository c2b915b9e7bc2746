// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the calling-AE allow-list of our DICOM listener: an AE title, optionally bound to a host
 * (name or IP literal; stored as '' for any host). An empty list lets every caller in.
 */
@Entity
@Table(name = "allowed_caller")
@NamedQuery(name = AllowedCallingAe.FIND_ALL, query = "SELECT a FROM AllowedCallingAe a ORDER BY a.aeTitle, a.host")
@NamedQuery(name = AllowedCallingAe.FIND_BY_KEY,
        query = "SELECT a FROM AllowedCallingAe a WHERE a.aeTitle = :aeTitle AND a.host = :host")
public class AllowedCallingAe {

    public static final String FIND_ALL = "AllowedCallingAe.findAll";
    public static final String FIND_BY_KEY = "AllowedCallingAe.findByKey";
    public static final int AE_TITLE_LENGTH = 16;
    public static final int HOST_LENGTH = 253;

    @Id
    @SequenceGenerator(name = "allowed_caller_seq", sequenceName = "allowed_caller_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "allowed_caller_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "ae_title", nullable = false, length = AE_TITLE_LENGTH)
    private String aeTitle;

    @Column(name = "host", nullable = false, length = HOST_LENGTH)
    private String host;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 80)
    private String createdBy;

    protected AllowedCallingAe() {
    }

    public AllowedCallingAe(String aeTitle, Optional<String> host, Instant now, String by) {
        this.aeTitle = aeTitle;
        this.host = host.orElse("");
        this.createdAt = now;
        this.createdBy = by;
    }

    public long getId() {
        return id;
    }

    public String getAeTitle() {
        return aeTitle;
    }

    /** The host it is bound to; empty = any host. */
    public Optional<String> getHost() {
        return host == null || host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    @Override
    public String toString() {
        return "AllowedCallingAe[" + aeTitle + (host.isEmpty() ? "" : "@" + host) + "]";
    }
}
