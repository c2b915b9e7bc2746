-- Pull from the PACS and the calling-AE allow-list. Portable SQL for H2 2.x and PostgreSQL.

-- The PACS staff search and retrieve from: at most one row (id 1). Without it the IMAGESHARE_PACS_* defaults apply.
CREATE TABLE pacs_node (
    id          BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    ae_title    VARCHAR(16)  NOT NULL,
    host        VARCHAR(253) NOT NULL,
    port        INTEGER      NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    updated_by  VARCHAR(80)  NOT NULL,
    CONSTRAINT pk_pacs_node PRIMARY KEY (id),
    CONSTRAINT ck_pacs_node_single CHECK (id = 1)
);

-- Calling AE titles allowed to associate with our listener; empty table = everyone. host '' = any host.
CREATE SEQUENCE allowed_caller_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE allowed_caller (
    id          BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    ae_title    VARCHAR(16)  NOT NULL,
    host        VARCHAR(253) NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    created_by  VARCHAR(80)  NOT NULL,
    CONSTRAINT pk_allowed_caller PRIMARY KEY (id),
    CONSTRAINT uk_allowed_caller UNIQUE (ae_title, host)
);

-- One C-MOVE of one study from the PACS to our AE: a visible, retryable task.
CREATE SEQUENCE retrieve_task_seq START WITH 10 INCREMENT BY 10;
CREATE TABLE retrieve_task (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    study_iuid       VARCHAR(64)  NOT NULL,
    patient_id       VARCHAR(64)  NOT NULL,
    study_date       VARCHAR(16)  NOT NULL,
    modalities       VARCHAR(64)  NOT NULL,
    description      VARCHAR(256) NOT NULL,
    pacs_aet         VARCHAR(16)  NOT NULL,
    pacs_host        VARCHAR(253) NOT NULL,
    pacs_port        INTEGER      NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    expected         INTEGER,
    remaining        INTEGER,
    completed        INTEGER      NOT NULL,
    failed           INTEGER      NOT NULL,
    warning          INTEGER      NOT NULL,
    dimse_status     VARCHAR(4),
    error            VARCHAR(500),
    cancel_requested BOOLEAN      DEFAULT FALSE NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    created_by       VARCHAR(80)  NOT NULL,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    CONSTRAINT pk_retrieve_task PRIMARY KEY (id)
);
CREATE INDEX ix_retrieve_task_created ON retrieve_task (created_at);
CREATE INDEX ix_retrieve_task_status ON retrieve_task (status);
