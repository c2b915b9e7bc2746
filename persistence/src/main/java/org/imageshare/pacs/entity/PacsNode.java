// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The PACS staff search and retrieve from, as configured by an admin (one row, id 1). */
@Entity
@Table(name = "pacs_node")
public class PacsNode {

    /** The one row's key. */
    public static final long THE_ID = 1L;
    public static final int AE_TITLE_LENGTH = 16;
    public static final int HOST_LENGTH = 253;

    @Id
    private long id;

    @Version
    private long version;

    @Column(name = "ae_title", nullable = false, length = AE_TITLE_LENGTH)
    private String aeTitle;

    @Column(name = "host", nullable = false, length = HOST_LENGTH)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 80)
    private String updatedBy;

    protected PacsNode() {
    }

    public PacsNode(String aeTitle, String host, int port, Instant now, String by) {
        this.id = THE_ID;
        update(aeTitle, host, port, now, by);
    }

    public final void update(String aeTitle, String host, int port, Instant now, String by) {
        this.aeTitle = aeTitle;
        this.host = host;
        this.port = port;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    public String getAeTitle() {
        return aeTitle;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    @Override
    public String toString() {
        return "PacsNode[" + aeTitle + "@" + host + ":" + port + "]";
    }
}
